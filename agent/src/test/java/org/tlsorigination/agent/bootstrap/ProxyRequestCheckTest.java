package org.tlsorigination.agent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tlsorigination.agent.route.TlsProfile;
import org.tlsorigination.agent.tls.OriginatingRoute;
import org.tlsorigination.agent.tls.TlsConnector;
import org.tlsorigination.agent.tls.TlsMaterial;

/** A plain socket's first line: a proxy request for an originated host is held back and refused, all else passes. */
class ProxyRequestCheckTest {
    private static final InetSocketAddress PROXY = new InetSocketAddress("127.0.0.1", 3128);

    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final ProxyRequestCheck check = new ProxyRequestCheck(sent, PROXY);

    @BeforeEach
    void routeEditionCnnComPort80() throws Exception {
        Route tls = new OriginatingRoute(443, TlsConnector.create(TlsProfile.verifyingDefaults(), new TlsMaterial()),
                10_000);
        Origination.install((host, port) -> host.equals("edition.cnn.com") && port == 80 ? tls : null);
    }

    @AfterEach
    void uninstall() {
        Origination.install(null);
    }

    @Test
    void aProxyRequestForAnOriginatedHostIsRefusedAndNothingOfItIsSent() throws Exception {
        check.write(ascii("GET http://edition"));
        assertEquals(0, sent.size());

        ConnectException refused = assertThrows(ConnectException.class,
                () -> check.write(ascii(".cnn.com/politics HTTP/1.1\r\nHost: edition.cnn.com\r\n\r\n")));
        assertTrue(refused.getMessage().startsWith("TLS origination for edition.cnn.com:80 cannot pass through the "
                + "proxy 127.0.0.1:3128"), refused.getMessage());
        assertThrows(ConnectException.class, () -> check.write(ascii("GET / HTTP/1.1\r\n")));
        check.flush();
        assertEquals(0, sent.size());
    }

    @Test
    void aProxyRequestForAnotherHostPassesByteForByteOnceItsLineEnds() throws Exception {
        byte[] request = ascii("GET http://www.example.com/politics HTTP/1.1\r\nHost: www.example.com\r\n\r\n");
        check.write(request, 0, 20);
        assertEquals(0, sent.size());

        check.write(request, 20, request.length - 20);
        assertArrayEquals(request, sent.toByteArray());
    }

    @Test
    void anythingThatCannotBeAProxyRequestPassesAtOnce() throws IOException {
        check.write(0x16);
        check.write(new byte[] {3, 1, 0, 5});
        assertArrayEquals(new byte[] {0x16, 3, 1, 0, 5}, sent.toByteArray());

        ByteArrayOutputStream originForm = new ByteArrayOutputStream();
        new ProxyRequestCheck(originForm, PROXY).write(ascii("GET /"));
        assertEquals("GET /", originForm.toString(StandardCharsets.US_ASCII));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
