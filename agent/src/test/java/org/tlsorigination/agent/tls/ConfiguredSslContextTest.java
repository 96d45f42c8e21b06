package org.tlsorigination.agent.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.tlsorigination.agent.metrics.RouteCounters;
import org.tlsorigination.agent.route.TlsProfile;

/** The context a non-blocking client builds its TLS layer from describes the rule's settings, not the JDK's. */
class ConfiguredSslContextTest {

    @Test
    void defaultParametersAreThoseItsEnginesCarry() throws Exception {
        SSLContext context = TlsConnector.create(TlsProfile.verifyingDefaults(), new TlsMaterial())
                .sslContext(RouteCounters.unnamed());

        SSLParameters defaults = context.getDefaultSSLParameters();

        SSLParameters engine = context.createSSLEngine().getSSLParameters();
        assertArrayEquals(engine.getProtocols(), defaults.getProtocols());
        assertArrayEquals(engine.getCipherSuites(), defaults.getCipherSuites());
        assertEquals("HTTPS", defaults.getEndpointIdentificationAlgorithm());
    }
}
