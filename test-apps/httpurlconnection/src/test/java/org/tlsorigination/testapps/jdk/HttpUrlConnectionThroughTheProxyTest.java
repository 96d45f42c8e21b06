package org.tlsorigination.testapps.jdk;

import java.util.List;
import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
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
}
