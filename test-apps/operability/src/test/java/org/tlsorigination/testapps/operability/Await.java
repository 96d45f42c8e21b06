package org.tlsorigination.testapps.operability;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.tlsorigination.testapps.harness.ChildJvm;

/** Waits for what a running child JVM should bring about, and shows what it printed when it does not. */
final class Await {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private Await() {
    }

    static void until(ChildJvm.Running app, String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline || !app.isAlive()) {
                throw new AssertionError("waited " + PATIENCE.getSeconds() + " s for " + what
                        + "\n--- stdout ---\n" + app.stdoutSoFar() + "\n--- stderr ---\n" + app.stderrSoFar());
            }
            Thread.sleep(50);
        }
    }
}
