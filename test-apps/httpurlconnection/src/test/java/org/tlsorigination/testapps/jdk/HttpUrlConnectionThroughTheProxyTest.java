package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.SquidProxy.Door;
import org.tlsorigination.testapps.harness.StandInServer;
import org.tlsorigination.testapps.harness.ThroughTheProxyContract;

/**
 * HttpURLConnection through squid, as the JVM's proxy settings and the default authenticator send it, and through
 * the JVM's SOCKS proxy.
 */
@AppUnderTest(value = Curl.class, pageLine = "200 " + StandInServer.BODY_LENGTH + " bytes")
class HttpUrlConnectionThroughTheProxyTest extends ThroughTheProxyContract {

    @Override
    protected List<String> appOptions() {
        return List.of("-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download} bytes\\n");
    }

    @Override
    protected ChildJvm throughSocksProxy(ChildJvm app, int port) {
        return throughTheJvmsSocksProxy(app, port);
    }

    @Override
    protected String[] fiveRequests(String url) {
        return new String[] {url, url, url, url, url};
    }

    /** The request inside the tunnel goes as to the server, but the connection goes through the proxy, as asked. */
    @Test
    void aTunnelledConnectionSaysItUsesTheProxy() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, app())) {
            ChildJvm app = client.originate(stage, "-s", "-o", "/dev/null", "-w", "%{http_code} proxy %{proxy_used}\\n",
                    stage.plainUrl("/politics"));

            ChildJvm.Result result = throughProxy(app, squid.port(Door.OPEN)).run();

            assertEquals("200 proxy 1", result.stdout().trim(), result::toString);
            assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", stage.standIn().summary());
        }
    }
}
