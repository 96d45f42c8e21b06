package org.tlsorigination.testapps.jdkhttpclient;

import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.OriginationContract;

/** The origination contract on the JDK's HttpClient with its defaults: HTTP/2 preferred, blocking {@code send}. */
@AppUnderTest(value = HttpClientGet.class, pageLine = HttpClientSpecificsTest.PAGE)
class HttpClientOriginationTest extends OriginationContract {

    @Override
    protected String errorPrefix(Failure failure) {
        return failure == Failure.HANDSHAKE_TIMEOUT ? "error: HttpConnectTimeoutException: "
                : super.errorPrefix(failure);
    }

    /**
     * It tunnels its own https through a proxy, and so an originated request, which passes the proxy encrypted too.
     */
    @Override
    protected ProxiedRequests proxiedRequests() {
        return ProxiedRequests.TUNNELLED;
    }
}
