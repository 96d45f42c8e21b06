package org.tlsorigination.agent;

import java.nio.file.Path;
import org.tlsorigination.agent.config.ConfigException;
import org.tlsorigination.agent.config.LoadedRules;
import org.tlsorigination.agent.config.RulesLoader;

/**
 * The rules file, read and compiled on a thread of its own while {@code premain} defines the facade and declares the
 * families: the two halves of the agent's start take about as long each, and neither needs the other. Whatever the
 * reading ends in, the rules or the reason they cannot load, reaches the app before {@code main}, as if read inline.
 */
final class RulesInAdvance implements Runnable {
    private final Path rulesFile;
    private final Thread thread;
    private LoadedRules rules;
    private Throwable failure;

    private RulesInAdvance(Path rulesFile) {
        this.rulesFile = rulesFile;
        this.thread = new Thread(this, "tls-origination-rules");
        thread.setDaemon(true);
    }

    /** Starts reading {@code rulesFile}, which is set. */
    static RulesInAdvance start(Path rulesFile) {
        RulesInAdvance reading = new RulesInAdvance(rulesFile);
        reading.thread.start();
        return reading;
    }

    @Override
    public void run() {
        try {
            rules = RulesLoader.load(rulesFile);
        } catch (Throwable e) {
            failure = e;
        }
    }

    /** The rules, once read; the thread's end makes what it wrote visible here. */
    LoadedRules await() throws ConfigException, InterruptedException {
        thread.join();
        if (failure instanceof ConfigException) {
            throw (ConfigException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
        return rules;
    }
}
