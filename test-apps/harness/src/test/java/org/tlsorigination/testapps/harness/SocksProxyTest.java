package org.tlsorigination.testapps.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test-side SOCKS5 proxy: it tunnels where it is asked, records what it tunnelled, and checks credentials. */
class SocksProxyTest {
    private static final String NAME = "edition.cnn.com";

    @Test
    void tunnelsToTheAskedPortOnLoopbackAndRecordsTheDestinationAndTheBytes() throws Exception {
        try (ServerSocket echo = echoServer(); SocksProxy socks = SocksProxy.start(NAME)) {
            String answer = exchange(socks, InetSocketAddress.createUnresolved(NAME, echo.getLocalPort()), "hello");
            assertEquals("hello", answer);
            assertEquals(List.of(NAME + ":" + echo.getLocalPort()), socks.destinations());
            assertEquals(List.of("hello"), socks.tunnelled());
            assertFalse(socks.onlyTlsTunnelled());
        }
    }

    @Test
    void refusesANameItWasNotToldOf() throws Exception {
        try (ServerSocket echo = echoServer(); SocksProxy socks = SocksProxy.start(NAME)) {
            assertThrows(IOException.class, () ->
                    exchange(socks, InetSocketAddress.createUnresolved("www.example.com", echo.getLocalPort()), "x"));
            assertTrue(socks.destinations().isEmpty());
        }
    }

    private static String exchange(SocksProxy socks, InetSocketAddress target, String text) throws IOException {
        Proxy proxy = new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", socks.port()));
        try (Socket socket = new Socket(proxy)) {
            socket.setSoTimeout(5_000);
            socket.connect(target, 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** A server that sends back what one client sent, until that client shuts its output. */
    private static ServerSocket echoServer() throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        Streams.daemon(() -> {
            try (Socket client = server.accept(); InputStream in = client.getInputStream()) {
                client.getOutputStream().write(in.readAllBytes());
            } catch (IOException e) {
                // the test ended
            }
        }, "echo server");
        return server;
    }
}
