package org.tlsorigination.agent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tlsorigination.agent.metrics.RouteCounters;
import org.tlsorigination.agent.route.TlsProfile;
import org.tlsorigination.agent.tls.OriginatingRoute;
import org.tlsorigination.agent.tls.TlsConnector;
import org.tlsorigination.agent.tls.TlsMaterial;

/** The verbs every family's advice calls. */
class OriginationTest {
    private Route tlsOn443;

    @BeforeEach
    void routeEditionCnnComPort80() throws Exception {
        tlsOn443 = new OriginatingRoute(443, TlsConnector.create(TlsProfile.verifyingDefaults(), new TlsMaterial()),
                10_000, RouteCounters.unnamed());
        Origination.install((host, port) -> host.equals("edition.cnn.com") && port == 80 ? tlsOn443 : null);
    }

    @AfterEach
    void uninstall() {
        Origination.install(null);
    }

    @Test
    void onlyPlainHttpIsRoutedAndAMissingPortIsTheSchemesDefault() throws Exception {
        assertSame(tlsOn443, Origination.routeScheme("http", "edition.cnn.com", -1));
        assertSame(tlsOn443, Origination.routeScheme("HTTP", "edition.cnn.com", 80));
        assertNull(Origination.routeScheme("https", "edition.cnn.com", 80));
        assertNull(Origination.routeScheme("http", "www.example.com", 80));
    }

    @Test
    void aDirectRequestIsRoutedAndAProxiedOriginatedOneRefusedNamingHostAndProxy() throws Exception {
        assertSame(tlsOn443, Origination.routeVia("http", "edition.cnn.com", 80, "EDITION.cnn.com", 80));
        assertNull(Origination.routeVia("http", "www.example.com", 80, "proxy.internal", 3128));

        ConnectException refused = assertThrows(ConnectException.class,
                () -> Origination.routeVia("http", "edition.cnn.com", -1, "proxy.internal", 3128));
        assertEquals("TLS origination for edition.cnn.com:80 cannot pass through the proxy proxy.internal:3128, "
                + "which would receive the request in plain text", refused.getMessage());
    }

    @Test
    void aClientsOwnTunnelThroughOneProxyIsRoutedAndThroughAChainRefused() throws Exception {
        assertSame(tlsOn443, Origination.routeThroughTunnel("http", "edition.cnn.com", 80, "proxy.internal", 3128,
                false));
        assertNull(Origination.routeThroughTunnel("http", "www.example.com", 80, "proxy.internal", 3128, true));

        ConnectException refused = assertThrows(ConnectException.class, () -> Origination.routeThroughTunnel("http",
                "edition.cnn.com", 80, "proxy.internal", 3128, true));
        assertTrue(refused.getMessage().startsWith("TLS origination for edition.cnn.com:80 cannot pass through the "
                + "proxy proxy.internal:3128"), refused.getMessage());
    }

    @Test
    void aProxyRequestForAnOriginatedHostIsRefusedAndOnlyThat() throws Exception {
        ConnectException refused = assertThrows(ConnectException.class, () -> Origination.refuseProxyRequest(
                "http://edition.cnn.com/politics", "127.0.0.1", 3128));
        assertTrue(refused.getMessage().startsWith("TLS origination for edition.cnn.com:80 cannot pass through the "
                + "proxy 127.0.0.1:3128"), refused.getMessage());

        Origination.refuseProxyRequest("/politics", "127.0.0.1", 3128);
        Origination.refuseProxyRequest("http://www.example.com/politics", "127.0.0.1", 3128);
        Origination.refuseProxyRequest("http://edition.cnn.com/politics", "edition.cnn.com", 443);
    }

    @Test
    void anAddressMovesToTheRoutesPortResolvedOrNotAsItWas() throws Exception {
        InetSocketAddress resolved = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80);
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved("edition.cnn.com", 80);

        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 443),
                Origination.atRoutedPort(resolved, tlsOn443));
        InetSocketAddress moved = Origination.atRoutedPort(unresolved, tlsOn443);
        assertTrue(moved.isUnresolved());
        assertEquals("edition.cnn.com:443", moved.getHostString() + ":" + moved.getPort());
    }

    @Test
    void timeoutsAreReadAsTheClientAppliesThem() {
        assertEquals(3000, Origination.firstSet(0, -1, 3000, 1000));
        assertEquals(1000, Origination.shortestSet(0, 3000, 1000, -1));
        assertEquals(0, Origination.firstSet(0, 0));
        assertEquals(0, Origination.shortestSet());
    }
}
