package org.tlsorigination.testapps.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.SquidProxy.Door;

/** The real proxy the tests run: it tunnels, logs, authenticates and refuses as configured. */
class SquidProxyTest {
    private static final String HOST = StandInServer.HOST;

    @TempDir
    Path dir;

    private final CertificateAuthority ca = CertificateAuthority.create("squid test CA");

    /** One squid with its three doors, started once for every case: it takes seconds. */
    @Test
    void eachDoorTunnelsLogsAuthenticatesOrRefusesAsItSaysAndRecordsWhatItWasSent() throws Exception {
        try (StandInServer standIn = StandInServer.builder(ca.issue(HOST).sslContext()).start();
             SquidProxy squid = SquidProxy.start(HostsFile.write(dir.resolve("hosts"), HOST))) {
            String target = HOST + ":" + standIn.tlsPort();

            assertEquals("HTTP/1.1 200 Connection established", connect(squid, Door.OPEN, target, null));
            assertEquals(List.of("CONNECT " + target + " 200"), squid.accessLog(Door.OPEN, 1));
            assertTrue(squid.bytesReceived(Door.OPEN).get(0).startsWith("CONNECT " + target + " HTTP/1.1\r\n"),
                    squid.bytesReceived(Door.OPEN)::toString);
            assertEquals(1, standIn.tlsConnections(), standIn::summary);

            assertTrue(connect(squid, Door.LOGIN, target, null).startsWith("HTTP/1.1 407 "));
            assertTrue(connect(squid, Door.LOGIN, target, SquidProxy.USER + ":wrong").startsWith("HTTP/1.1 407 "));
            assertEquals("HTTP/1.1 200 Connection established",
                    connect(squid, Door.LOGIN, target, SquidProxy.USER + ":" + SquidProxy.PASSWORD));

            assertTrue(connect(squid, Door.REFUSING_TUNNELS, target, null).startsWith("HTTP/1.1 403 "));
            assertEquals(2, standIn.tlsConnections(), standIn::summary);
        }
    }

    /** Sends a CONNECT and returns the proxy's status line. */
    private static String connect(SquidProxy squid, Door door, String target, String login) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", squid.port(door))) {
            socket.setSoTimeout(5_000);
            String authorization = login == null ? "" : "Proxy-Authorization: Basic "
                    + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)) + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n" + authorization + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
