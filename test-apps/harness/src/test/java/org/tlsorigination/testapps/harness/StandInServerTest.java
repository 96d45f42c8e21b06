package org.tlsorigination.testapps.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class StandInServerTest {

    private static final String HOST = StandInServer.HOST;

    private final CertificateAuthority ca = CertificateAuthority.create("stand-in test CA");

    @Test
    void plainPortRedirectsToTheSamePathOnTheTlsPort() throws Exception {
        try (StandInServer standIn = StandInServer.builder(ca.issue(HOST).sslContext()).start();
             LoopbackClient client = LoopbackClient.plain(standIn.plainPort())) {
            LoopbackClient.Response response = client.get("/politics", HOST + ":" + standIn.plainPort());

            assertEquals("HTTP/1.1 301 Moved Permanently", response.statusLine);
            assertEquals("https://" + HOST + ":" + standIn.tlsPort() + "/politics", response.headers.get("location"));
            assertEquals("0", response.headers.get("Content-Length"));
            StandInRequest request = standIn.requests().get(0);
            assertEquals(List.of(false, "GET", "/politics", HOST + ":" + standIn.plainPort()),
                    List.of(request.tls(), request.method(), request.path(), request.host()));
            assertNull(request.sni());
            assertTrue(standIn.plainBytesReceived() > 0);
        }
    }

    @Test
    void tlsPortServesThePageTwiceOverOneKeptAliveConnection() throws Exception {
        try (StandInServer standIn = StandInServer.builder(ca.issue(HOST).sslContext()).start();
             LoopbackClient client = LoopbackClient.tls(ca.clientSslContext(), HOST, standIn.tlsPort(), 5_000)) {
            for (String path : List.of("/politics", "/world")) {
                LoopbackClient.Response response = client.get(path, HOST);

                assertEquals("HTTP/1.1 200 OK", response.statusLine);
                assertEquals("text/html; charset=utf-8", response.headers.get("Content-Type"));
                assertEquals(StandInServer.BODY_LENGTH, response.body.length);
            }

            assertEquals(1, standIn.tlsConnections());
            assertEquals(1, standIn.tlsHandshakes());
            assertEquals(0, standIn.plainConnections(), standIn::summary);
            assertEquals("TLS (SNI edition.cnn.com) GET /politics, then TLS (SNI edition.cnn.com) GET /world;"
                    + " plain port untouched", standIn.summary());
            StandInConnection connection = standIn.connections().get(0);
            assertEquals(connection.id(), standIn.requests().get(1).connectionId());
            assertTrue(List.of("TLSv1.3", "TLSv1.2").contains(connection.protocol()), connection::toString);
        }
    }

    @Test
    void certificateFromAnUntrustedAuthorityFailsTheHandshake() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create("untrusted CA");
        try (StandInServer standIn = StandInServer.builder(stranger.issue(HOST).sslContext()).start()) {
            assertThrows(SSLHandshakeException.class,
                    () -> LoopbackClient.tls(ca.clientSslContext(), HOST, standIn.tlsPort(), 5_000));

            assertEquals(1, standIn.tlsConnections());
            assertEquals(0, standIn.tlsHandshakes());
        }
    }

    @Test
    void certificateForAnotherNameFailsTheHostnameCheck() throws Exception {
        try (StandInServer standIn = StandInServer.builder(ca.issue("wrong.example").sslContext()).start()) {
            assertThrows(SSLHandshakeException.class,
                    () -> LoopbackClient.tls(ca.clientSslContext(), HOST, standIn.tlsPort(), 5_000));
        }
    }

    @Test
    void silentTlsListenerLetsTheHandshakeTimeOutAndStillClosesPromptly() throws Exception {
        StandInServer standIn = StandInServer.builder(ca.issue(HOST).sslContext()).silentTls().start();
        try {
            assertThrows(SocketTimeoutException.class,
                    () -> LoopbackClient.tls(ca.clientSslContext(), HOST, standIn.tlsPort(), 300));

            assertEquals(1, standIn.tlsConnections());
            assertEquals(0, standIn.tlsHandshakes());
        } finally {
            assertTimeoutPreemptively(Duration.ofSeconds(2), standIn::close);
        }
    }
}
