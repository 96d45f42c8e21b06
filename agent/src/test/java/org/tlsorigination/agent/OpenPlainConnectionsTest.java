package org.tlsorigination.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tlsorigination.agent.route.Decision;
import org.tlsorigination.agent.route.RouteTable;
import org.tlsorigination.agent.route.TlsProfile;

/** This very JVM's open connections, as Linux lists them, matched against the hosts and ports rules originate. */
class OpenPlainConnectionsTest {

    @Test
    void aConnectionThisProcessHoldsToAnOriginatedHostAndPortIsNamed() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/net/tcp")), "Linux lists connections in /proc");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket open = new Socket("localhost", server.getLocalPort());
             Socket accepted = server.accept()) {
            int port = server.getLocalPort();
            RouteTable rules = new RouteTable.Builder()
                    .route("localhost", port, Decision.originate(443, TlsProfile.verifyingDefaults()))
                    .route("*.example", port, Decision.originate(443, TlsProfile.verifyingDefaults()))
                    .build();

            assertEquals("1 plain-text connection was open before the agent was attached and is not covered: "
                    + "localhost:" + port + " (1); the app uses it as it is until it closes it",
                    OpenPlainConnections.describe(rules));
            assertEquals("no plain-text connection to a host and port the rules originate was open before the agent "
                    + "was attached", OpenPlainConnections.describe(new RouteTable.Builder()
                    .route("localhost", port + 1, Decision.originate(443, TlsProfile.verifyingDefaults())).build()));
        }
    }
}
