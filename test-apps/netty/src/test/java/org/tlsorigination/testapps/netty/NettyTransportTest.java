package org.tlsorigination.testapps.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ChildLoaderLauncher;
import org.tlsorigination.testapps.harness.FamilyMatrixTest;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;

/** The seed scenario on what the contract's NIO channel leaves out: the epoll transport, and Netty in its own loader. */
class NettyTransportTest extends FamilyMatrixTest {
    static final String OK = "HTTP/1.1 200 OK, " + StandInServer.BODY_LENGTH + " bytes";

    @Test
    void epollChannelArrivesOverTlsToo() throws Exception {
        assumeTrue(Epoll.isAvailable(), () -> "Netty's epoll transport does not load here: " + Epoll.unavailabilityCause());
        try (SeedStage stage = SeedStage.start(dir, NettyGet.class)) {
            ChildJvm.Result result = client.originate(stage, "--transport", "epoll", stage.plainUrl("/politics")).run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(OK, result.stdout().trim(), result::toString);
            assertOneTlsRequestForPolitics(stage.standIn());
        }
    }

    /** The app and Netty in a class loader of their own, which the agent's loader cannot see into. */
    @Test
    void nettyInAChildClassLoaderArrivesOverTlsToo() throws Exception {
        try (SeedStage launched = SeedStage.start(dir, ChildLoaderLauncher.class)) {
            ChildJvm child = launched.withAgent(launched.rules("edition-cnn-com.yaml"), client.classPath(NettyGet.class),
                    NettyGet.class.getName(), launched.plainUrl("/politics"));
            String applicationClassPath = child.command().get(child.command().indexOf("-cp") + 1);
            // By file name: the checkout's own directories may have any name.
            assertFalse(Arrays.stream(applicationClassPath.split(File.pathSeparator))
                    .anyMatch(entry -> Path.of(entry).getFileName().toString().contains("netty")), applicationClassPath);

            ChildJvm.Result result = child.run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(OK, result.stdout().trim(), result::toString);
            assertOneTlsRequestForPolitics(launched.standIn());
        }
    }

    /** The path crossed the wire only inside TLS: the plain port saw no connection at all. */
    private static void assertOneTlsRequestForPolitics(StandInServer standIn) {
        assertEquals(0, standIn.plainConnections(), standIn::summary);
        assertEquals(1, standIn.tlsHandshakes(), standIn::summary);
        assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", standIn.summary());
    }
}
