package org.tlsorigination.testapps.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.SocksProxy;
import org.tlsorigination.testapps.harness.SquidProxy;
import org.tlsorigination.testapps.harness.ThroughTheProxyContract;

/**
 * Raw Netty through squid with its HttpProxyHandler, and through SOCKS5 with its Socks5ProxyHandler; and the refusals
 * the contract's 403 leaves out, on the proxy handlers every Netty client shares.
 */
@AppUnderTest(value = NettyGet.class, pageLine = NettyTransportTest.OK)
class NettyThroughTheProxyTest extends ThroughTheProxyContract {

    @Override
    protected ChildJvm throughProxy(ChildJvm app, int port) {
        return app.args("--proxy", "127.0.0.1:" + port);
    }

    @Override
    protected ChildJvm throughSocksProxy(ChildJvm app, int port) {
        return app.args("--socks-proxy", "127.0.0.1:" + port);
    }

    /** A proxy handler is the app's to add or not: Netty has no list of hosts to keep off it. */
    @Override
    protected boolean keepsHostsOffItsProxy() {
        return false;
    }

    @Test
    void aProxyAskingForCredentialsTheAppLacksFailsTheRequestNaming407() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, NettyGet.class)) {
            int proxyPort = squid.port(SquidProxy.Door.LOGIN);

            ChildJvm.Result result = client.originate(stage, "--proxy", "127.0.0.1:" + proxyPort,
                    stage.plainUrl("/politics")).run();

            assertRefused(result, stage, proxyPort, "the proxy answered 407 Proxy Authentication Required");
        }
    }

    @Test
    void aSocksProxyRefusingTheAppFailsTheRequestNamingTheProxy() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, NettyGet.class);
             SocksProxy socks = SocksProxy.withLogin(SquidProxy.USER, SquidProxy.PASSWORD, SeedStage.HOST)) {

            ChildJvm.Result result = client.originate(stage, "--socks-proxy", "127.0.0.1:" + socks.port(),
                    stage.plainUrl("/politics")).run();

            assertRefused(result, stage, socks.port(), "the tunnel was not opened: unexpected authMethod");
            assertEquals(0, socks.destinations().size(), socks.destinations()::toString);
        }
    }

    private static void assertRefused(ChildJvm.Result result, SeedStage stage, int proxyPort, String answer) {
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("error: ConnectException: TLS origination to " + SeedStage.HOST + ":"
                + stage.standIn().tlsPort() + " through the proxy 127.0.0.1:" + proxyPort + " failed: " + answer),
                result::toString);
        assertEquals(0, stage.standIn().connections().size(), stage.standIn()::summary);
    }
}
