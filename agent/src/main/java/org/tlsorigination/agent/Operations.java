package org.tlsorigination.agent;

import org.tlsorigination.agent.config.Settings;
import org.tlsorigination.agent.metrics.ManagementBeans;
import org.tlsorigination.agent.metrics.PlainTextReport;
import org.tlsorigination.agent.route.RouteTable;

/**
 * The agent's thread for what operators look at, so none of it runs on the app's threads or during its start-up:
 * after an attach it first names the plain-text connections the app already had open; then at every reload interval
 * it registers the MBeans once JMX is in use and keeps the route MBeans in line with the rules in force, and rewrites
 * the report, when one is set. Each task's failures are logged once; none stops the others.
 */
final class Operations implements Runnable {
    private final long intervalMillis;
    private final PlainTextReport report;
    private final RouteTable attachedTo;
    private String beansError;

    private Operations(long intervalMillis, PlainTextReport report, RouteTable attachedTo) {
        this.intervalMillis = intervalMillis;
        this.report = report;
        this.attachedTo = attachedTo;
    }

    /** @param attachedTo the rules in force when the agent was attached to a running JVM; null at launch */
    static void start(Settings settings, RouteTable attachedTo) {
        PlainTextReport report = settings.report() == null ? null
                : new PlainTextReport(settings.report(), AgentState.version());
        if (report != null) {
            report.writeAtExit();
        }
        Thread thread = new Thread(new Operations(settings.reloadIntervalMillis(), report, attachedTo),
                "tls-origination-operations");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            if (attachedTo != null) {
                Log.info(OpenPlainConnections.describe(attachedTo));
            }
            while (true) {
                Thread.sleep(intervalMillis);
                syncBeans();
                if (report != null) {
                    report.write();
                }
            }
        } catch (InterruptedException e) {
            Log.warn("the operations thread was interrupted and has stopped: the MBeans and the report are no "
                    + "longer kept up to date");
        } catch (Throwable failure) {
            Log.error("the operations thread has stopped (" + failure + "): the MBeans and the report are no "
                    + "longer kept up to date");
        }
    }

    /** A JVM without java.management, or a name the app took first, leaves the MBeans out and nothing else. */
    private void syncBeans() {
        try {
            ManagementBeans.sync();
            beansError = null;
        } catch (Exception | LinkageError e) {
            String error = "cannot register the agent's MBeans: " + e;
            if (!error.equals(beansError)) {
                Log.warn(error);
            }
            beansError = error;
        }
    }
}
