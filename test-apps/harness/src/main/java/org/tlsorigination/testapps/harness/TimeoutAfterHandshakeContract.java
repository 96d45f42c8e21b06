package org.tlsorigination.testapps.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent names only a handshake's failure: once an originated handshake is done, a server that never answers the
 * request is timed out by the client's own timeout, in time, and the app gets the client's own exception. A subclass
 * names its app with {@link AppUnderTest} and says how the app sets that timeout and how it reports the exception.
 */
public abstract class TimeoutAfterHandshakeContract extends FamilyMatrixTest {
    /** Far longer than the test waits: only the client's timeout can end the request. */
    private static final String AGENT_HANDSHAKE_TIMEOUT_MILLIS = "300000";
    private static final long IN_TIME_MILLIS = 15_000;

    /** The app's options that give up on a response after one second. */
    protected abstract List<String> oneSecondResponseTimeout();

    /** How the app's line for the client's own timeout starts, e.g. {@code error: SocketTimeoutException}. */
    protected abstract String clientsOwnTimeoutLine();

    @Test
    void aTimeoutAfterTheHandshakeKeepsTheClientsOwnException() throws Exception {
        try (SeedStage stage = SeedStage.startNeverAnswering(dir, app())) {
            List<String> args = new ArrayList<>(oneSecondResponseTimeout());
            args.add(stage.plainUrl("/politics"));
            long started = System.nanoTime();
            ChildJvm.Result result = client.originate(stage, args.toArray(new String[0]))
                    .systemProperty("tlsorigination.handshakeTimeout", AGENT_HANDSHAKE_TIMEOUT_MILLIS)
                    .timeout(Duration.ofSeconds(30))
                    .run();
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains(clientsOwnTimeoutLine()), result::toString);
            assertFalse(result.stderr().contains("TLS origination to"), result::toString);
            assertTrue(tookMillis < IN_TIME_MILLIS, () -> "took " + tookMillis + " ms: " + result);
            assertEquals(1, stage.standIn().tlsConnections(), stage.standIn()::summary);
            assertEquals(0, stage.standIn().plainConnections(), stage.standIn()::summary);
            assertEquals(0, stage.standIn().nonTlsBytesReceived(), stage.standIn()::summary);
        }
    }
}
