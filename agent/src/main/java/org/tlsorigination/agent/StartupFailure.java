package org.tlsorigination.agent;

import org.tlsorigination.agent.config.ConfigException;
import org.tlsorigination.agent.config.Settings;

/**
 * What happens when the agent cannot start, whatever the reason, down to an {@link OutOfMemoryError}: with
 * {@code onConfigError=disable} the app runs without the agent; with {@code fail} the JVM exits with
 * {@link #REFUSED_TO_START} after one line, before the app's {@code main}. Nothing escapes, since a throwable out of
 * {@code premain} aborts the JVM natively.
 */
final class StartupFailure {
    /** EX_CONFIG of sysexits.h: the agent refused to start, before the app's {@code main} ran. */
    static final int REFUSED_TO_START = 78;

    private StartupFailure() {
    }

    static void refuse(Throwable failure, String arguments, boolean atLaunch) {
        Settings.OnConfigError onConfigError = Settings.OnConfigError.FAIL;
        try {
            onConfigError = Settings.onConfigErrorOrDefault(arguments);
            String reason = reason(failure);
            AgentState.refused(reason);
            if (onConfigError == Settings.OnConfigError.DISABLE) {
                Log.error(reason);
                Log.warn("TLS origination is disabled (onConfigError=disable): matching connections go out as the "
                        + "app sends them");
                return;
            }
            Log.print("error: " + reason + (atLaunch ? "; stopping the JVM before the application starts"
                    : "; the agent was not attached") + " (onConfigError=fail)");
        } catch (Throwable unprintable) {
            // Even the message failed (the heap is exhausted): the decision made so far still stands.
        }
        if (onConfigError == Settings.OnConfigError.FAIL && atLaunch) {
            exit();
        }
    }

    private static String reason(Throwable failure) {
        if (failure instanceof ConfigException) {
            return failure.getMessage();
        }
        if (failure instanceof SecurityException) {
            return "cannot start under the security manager, which denies the agent " + failure.getMessage()
                    + "; grant the agent's jar AllPermission in the policy, or run without a security manager";
        }
        if (failure instanceof OutOfMemoryError) {
            return "ran out of memory while starting (" + failure.getMessage() + ", maximum heap "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB)";
        }
        if (failure instanceof StackOverflowError) {
            return "ran out of stack while starting";
        }
        return "cannot start: " + failure;
    }

    /** A security manager may refuse the exit too; then the app runs without the agent, and says so. */
    private static void exit() {
        try {
            System.exit(REFUSED_TO_START);
        } catch (SecurityException e) {
            Log.print("error: cannot stop the JVM (" + e.getMessage() + "), so the application runs without TLS "
                    + "origination");
        }
    }
}
