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
        switch (failure) {
            case PROXY_REFUSED:
                return "curl: (7) ConnectException: ";
            case HANDSHAKE_TIMEOUT:
                return "curl: (28) SocketTimeoutException: ";
            default:
                return "curl: (35) SSLHandshakeException: ";
        }
    }

    /** curl's own: 35 for a TLS failure, 28 for a timeout, 7 for a failed connect. */
    @Override
    protected int exitCode(Failure failure) {
        switch (failure) {
            case PROXY_REFUSED:
                return 7;
            case HANDSHAKE_TIMEOUT:
                return 28;
            default:
                return 35;
        }
    }
}
