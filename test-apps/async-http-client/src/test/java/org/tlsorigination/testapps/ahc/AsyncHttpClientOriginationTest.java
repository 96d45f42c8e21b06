package org.tlsorigination.testapps.ahc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.OriginationContract;

/**
 * The origination contract on AsyncHttpClient, which adds its own SslHandler for https only once connected, after
 * the point where Netty's channels are hooked.
 */
@AppUnderTest(AhcGet.class)
class AsyncHttpClientOriginationTest extends OriginationContract {

    /** AsyncHttpClient reports every failed connect, its own failed https handshakes too, as a ConnectException. */
    @Override
    protected String errorPrefix(Failure failure) {
        return "error: ConnectException: ";
    }

    /** Its plain request to an HTTP proxy goes through a tunnel of Netty's HTTP proxy handler instead. */
    @Override
    protected ProxiedRequests proxiedRequests() {
        return ProxiedRequests.TUNNELLED;
    }

    @Override
    protected void assertFailureExplained(ChildJvm.Result result) {
        assertTrue(result.stderr().contains("caused by: SSLHandshakeException: TLS origination to edition.cnn.com:"),
                result::toString);
    }
}
