package org.tlsorigination.agent.instrument.okhttp.injected;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.tlsorigination.agent.metrics.RouteCounters;
import org.tlsorigination.agent.route.TlsProfile;
import org.tlsorigination.agent.tls.OriginatingRoute;
import org.tlsorigination.agent.tls.TlsConnector;
import org.tlsorigination.agent.tls.TlsMaterial;

/** The handshake OkHttp runs on an originated connection is bounded even where OkHttp set no read timeout. */
class OriginatedAddressesTest {

    @Test
    void theClientsReadTimeoutBoundsTheHandshakeElseTheAgents() throws Exception {
        OriginatingRoute route = new OriginatingRoute(443,
                TlsConnector.create(TlsProfile.verifyingDefaults(), new TlsMaterial()), 7000, RouteCounters.unnamed());
        try (Socket withTimeout = new Socket(); Socket without = new Socket()) {
            withTimeout.setSoTimeout(2500);

            assertEquals(2500, OriginatedAddresses.bound(route, withTimeout));
            assertEquals(7000, OriginatedAddresses.bound(route, without));
            assertEquals(7000, without.getSoTimeout());
        }
    }
}
