package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;

/** A client the agent does not rewrite cannot send plain text where a rule says TLS; every other connection can. */
class PlainConnectGuardTest {
    private static final String UNMATCHED_HOST = "www.example.com";

    @TempDir
    Path dir;

    private SeedStage stage;

    @BeforeEach
    void start() throws Exception {
        stage = SeedStage.start(dir, RawHttpGet.class, UNMATCHED_HOST);
    }

    @AfterEach
    void stop() {
        stage.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--socket", "--nio"})
    void rawClientIsRefusedAndThePlainPortReceivesNothing(String transport) throws Exception {
        ChildJvm.Result result = get(transport, SeedStage.HOST).run();

        String refusal = "ConnectException: plain-text connection to " + SeedStage.HOST + ":"
                + stage.standIn().plainPort() + " refused: a rule originates TLS for it (TLS to port "
                + stage.standIn().tlsPort();
        assertTrue(result.stderr().contains(refusal), result::toString);
        assertEquals(1, Occurrences.of("warning: refused a plain-text connection from " + RawHttpGet.class.getName(),
                result.stderr()), result::toString);
        assertEquals(0, stage.standIn().plainConnections(), stage.standIn()::summary);
        assertEquals(0, stage.standIn().plainBytesReceived(), stage.standIn()::summary);
    }

    @Test
    void unmatchedHostIsUntouched() throws Exception {
        ChildJvm.Result result = get("--socket", UNMATCHED_HOST).run();

        assertTrue(result.stdout().startsWith("HTTP/1.1 301 Moved Permanently"), result::toString);
        assertEquals(2, stage.standIn().plainConnections(), stage.standIn()::summary);
    }

    @Test
    void guardFalseLetsTheRawClientThrough() throws Exception {
        ChildJvm.Result result = get("--socket", SeedStage.HOST).systemProperty("tlsorigination.guard", "false").run();

        assertTrue(result.stdout().startsWith("HTTP/1.1 301 Moved Permanently"), result::toString);
        assertEquals(2, stage.standIn().plainConnections(), stage.standIn()::summary);
    }

    private ChildJvm get(String transport, String host) throws Exception {
        String port = String.valueOf(stage.standIn().plainPort());
        return transport.equals("--nio")
                ? stage.withAgent(stage.rules("edition-cnn-com.yaml"), "--nio", host, port)
                : stage.withAgent(stage.rules("edition-cnn-com.yaml"), host, port);
    }
}
