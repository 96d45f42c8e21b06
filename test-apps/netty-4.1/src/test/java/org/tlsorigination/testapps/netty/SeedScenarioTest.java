package org.tlsorigination.testapps.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.AppClassPath;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ChildLoaderLauncher;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;

/** The seed scenario on raw Netty: a plain GET to edition.cnn.com arrives over TLS, on every transport and loader. */
class SeedScenarioTest {
    static final String OK = "HTTP/1.1 200 OK, " + StandInServer.BODY_LENGTH + " bytes";

    @TempDir
    Path dir;

    private SeedStage stage;

    @BeforeEach
    void start() throws Exception {
        stage = SeedStage.start(dir, NettyGet.class);
    }

    @AfterEach
    void stop() {
        stage.close();
    }

    @Test
    void plainRequestToEditionCnnComArrivesOverTlsWithoutRedirect() throws Exception {
        ChildJvm.Result result = originate(stage.plainUrl("/politics"));

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(OK, result.stdout().trim(), result::toString);
        assertOneTlsRequestForPolitics(stage.standIn());
    }

    @Test
    void manyRequestsOnOneChannelShareOneHandshake() throws Exception {
        ChildJvm.Result result = originate("--requests", "3", stage.plainUrl("/politics"));

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(3, result.stdout().lines().filter(OK::equals).count(), result::toString);
        StandInServer standIn = stage.standIn();
        assertEquals(3, standIn.requests().size(), standIn::summary);
        assertEquals(1, standIn.tlsConnections(), standIn::summary);
        assertEquals(1, standIn.tlsHandshakes(), standIn::summary);
        assertEquals(0, standIn.plainConnections(), standIn::summary);
    }

    @Test
    void epollChannelArrivesOverTlsToo() throws Exception {
        assumeTrue(Epoll.isAvailable(), () -> "Netty's epoll transport does not load here: " + Epoll.unavailabilityCause());

        ChildJvm.Result result = originate("--transport", "epoll", stage.plainUrl("/politics"));

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(OK, result.stdout().trim(), result::toString);
        assertOneTlsRequestForPolitics(stage.standIn());
    }

    /** The app and Netty in a class loader of their own, which the agent's loader cannot see into. */
    @Test
    void nettyInAChildClassLoaderArrivesOverTlsToo() throws Exception {
        try (SeedStage launched = SeedStage.start(dir.resolve("child-loader"), ChildLoaderLauncher.class)) {
            ChildJvm child = launched.withAgent(launched.rules("edition-cnn-com.yaml"),
                    AppClassPath.joined(NettyGet.class), NettyGet.class.getName(), launched.plainUrl("/politics"));
            String applicationClassPath = child.command().get(child.command().indexOf("-cp") + 1);
            assertFalse(applicationClassPath.contains("netty"), applicationClassPath);

            ChildJvm.Result result = child.run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(OK, result.stdout().trim(), result::toString);
            assertOneTlsRequestForPolitics(launched.standIn());
        }
    }

    private ChildJvm.Result originate(String... args) throws Exception {
        return stage.withAgent(stage.rules("edition-cnn-com.yaml"), args).classPath(AppClassPath.libraries()).run();
    }

    /** The path crossed the wire only inside TLS: the plain port saw no connection at all. */
    static void assertOneTlsRequestForPolitics(StandInServer standIn) {
        assertEquals(0, standIn.plainConnections(), standIn::summary);
        assertEquals(1, standIn.tlsHandshakes(), standIn::summary);
        assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", standIn.summary());
    }
}
