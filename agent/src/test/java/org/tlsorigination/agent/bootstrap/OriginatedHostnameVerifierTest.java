package org.tlsorigination.agent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.tlsorigination.agent.metrics.RouteCounters;
import org.tlsorigination.agent.route.TlsProfile;
import org.tlsorigination.agent.tls.OriginatingRoute;
import org.tlsorigination.agent.tls.TlsConnector;
import org.tlsorigination.agent.tls.TlsMaterial;

/** A client's pool keys connections on the verifier. */
class OriginatedHostnameVerifierTest {

    @Test
    void verifiersOfOneRouteAreEqualAndOfAnotherNot() throws Exception {
        Route route = route();

        assertEquals(new OriginatedHostnameVerifier(route), new OriginatedHostnameVerifier(route));
        assertEquals(new OriginatedHostnameVerifier(route).hashCode(), new OriginatedHostnameVerifier(route).hashCode());
        assertNotEquals(new OriginatedHostnameVerifier(route), new OriginatedHostnameVerifier(route()));
    }

    private static Route route() throws Exception {
        return new OriginatingRoute(443,
                TlsConnector.create(TlsProfile.verifyingDefaults(), new TlsMaterial()), 7000, RouteCounters.unnamed());
    }
}
