package org.tlsorigination.testapps.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.FamilyMatrixTest;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.SocksProxy;
import org.tlsorigination.testapps.harness.StandInConnection;
import org.tlsorigination.testapps.harness.StandInServer;
import org.tlsorigination.testapps.harness.TunnelingProxy;

/**
 * What the proxy contract leaves out on Jetty: its tunnels, through an HTTP proxy or a SOCKS5 one, carry the rule's
 * TLS, not the app's own https settings (the rule's engines offer ALPN http/1.1, Jetty's own HTTP/1.1 https none, so
 * the server tells them apart).
 */
class JettyTunnelTest extends FamilyMatrixTest {
    /** Jetty 10.0.0 has none; later 10.0 releases, 11 and 12 have it. */
    static final String SOCKS5_PROXY = "org.eclipse.jetty.client.Socks5Proxy";
    private static final String PAGE = "200 OK, " + StandInServer.BODY_LENGTH + " bytes";

    @Test
    void anHttpProxyTunnelCarriesTheRulesTls() throws Exception {
        try (SeedStage stage = alpnStage(); TunnelingProxy proxy = new TunnelingProxy()) {
            ChildJvm.Result result = client.originate(stage, "--proxy", "127.0.0.1:" + proxy.port(),
                    stage.plainUrl("/politics")).run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(PAGE, result.stdout().trim(), result::toString);
            assertEquals(List.of("CONNECT " + SeedStage.HOST + ":" + stage.standIn().tlsPort() + " HTTP/1.1"),
                    proxy.requestLines());
            assertEquals(List.of("http/1.1"), alpn(stage.standIn()), stage.standIn()::summary);
        }
    }

    @Test
    void aSocksProxyTunnelCarriesTheRulesTls() throws Exception {
        assumeTrue(client.version().hasClass(SOCKS5_PROXY), "this Jetty has no SOCKS5 proxy");
        try (SeedStage stage = alpnStage(); SocksProxy socks = SocksProxy.start(SeedStage.HOST)) {
            ChildJvm.Result result = client.originate(stage, "--socks5", "127.0.0.1:" + socks.port(),
                    stage.plainUrl("/politics")).run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(PAGE, result.stdout().trim(), result::toString);
            assertEquals(List.of(SeedStage.HOST + ":" + stage.standIn().tlsPort()), socks.destinations());
            assertEquals(List.of("http/1.1"), alpn(stage.standIn()), stage.standIn()::summary);
        }
    }

    /**
     * Jetty 9.4 tunnels only with a TLS context factory of the app's, and one that speaks only http may build its
     * client without: its originated requests through an HTTP proxy are refused, naming the host and the proxy, and
     * neither the proxy nor the server sees a byte.
     */
    @Test
    void aJetty94ClientWithoutATlsFactoryIsRefusedThroughAnHttpProxy() throws Exception {
        assumeTrue(client.version().name().startsWith("9.4."), "only 9.4 builds a client without a TLS factory");
        try (SeedStage stage = SeedStage.start(dir, JettyGet.class); TunnelingProxy proxy = new TunnelingProxy()) {
            ChildJvm.Result result = client.originate(stage, "--plain-http-only", "--proxy",
                    "127.0.0.1:" + proxy.port(), stage.plainUrl("/politics")).run();

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("TLS origination for " + SeedStage.HOST + ":"
                    + stage.standIn().plainPort() + " cannot pass through the proxy 127.0.0.1:" + proxy.port()),
                    result::toString);
            assertEquals(List.of(), proxy.requestLines());
            assertEquals(0, stage.standIn().connections().size(), stage.standIn()::summary);
        }
    }

    private SeedStage alpnStage() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("stage CA");
        return SeedStage.start(dir, ca, StandInServer.builder(ca.issue(SeedStage.HOST).sslContext()).alpn("http/1.1"),
                JettyGet.class);
    }

    private static List<String> alpn(StandInServer standIn) {
        return standIn.connections().stream().map(StandInConnection::alpn).collect(Collectors.toList());
    }
}
