package org.tlsorigination.testapps.jdk;

import java.util.List;
import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.OriginationContract;
import org.tlsorigination.testapps.harness.StandInServer;

/** The origination contract on HttpURLConnection, through the curl-like app and its exit codes. */
@AppUnderTest(value = Curl.class, pageLine = "200 " + StandInServer.BODY_LENGTH + " bytes")
class HttpUrlConnectionOriginationTest extends OriginationContract {

    /** One line per URL instead of the page itself. */
    @Override
    protected List<String> appOptions() {
        return List.of("-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download} bytes\\n");
    }

    /** HttpURLConnection keeps a connection alive for the next URL once the body has been read. */
    @Override
    protected List<String> threeRequestsOnOnePooledConnection(String url) {
        return List.of(url, url, url);
    }

    @Override
    protected List<String> oneSecondSetUpTimeout() {
        return List.of("--connect-timeout", "1");
    }

    @Override
    protected String errorPrefix(Failure failure) {
        return failure == Failure.HANDSHAKE_TIMEOUT ? "curl: (28) SocketTimeoutException: "
                : "curl: (35) SSLHandshakeException: ";
    }

    @Override
    protected String failureLinePrefix() {
        return "curl: (";
    }

    /** curl's own: 35 for a TLS failure, 28 for a timeout. */
    @Override
    protected int exitCode(Failure failure) {
        return failure == Failure.HANDSHAKE_TIMEOUT ? 28 : 35;
    }

    @Override
    protected ProxiedRequests proxiedRequests() {
        return ProxiedRequests.TUNNELLED;
    }
}
