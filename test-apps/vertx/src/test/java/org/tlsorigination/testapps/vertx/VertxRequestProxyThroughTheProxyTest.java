package org.tlsorigination.testapps.vertx;

import java.util.List;
import org.tlsorigination.testapps.harness.AppUnderTest;

/**
 * Vert.x through squid and through SOCKS5 with the proxy and its credentials in each request's {@code RequestOptions},
 * which override the client's, and the non-proxy hosts still in its client options.
 */
@AppUnderTest(VertxGet.class)
class VertxRequestProxyThroughTheProxyTest extends VertxThroughTheProxyTest {

    @Override
    protected List<String> appOptions() {
        return List.of("--proxy-on-request");
    }
}
