package org.tlsorigination.testapps.okhttp;

import java.util.List;
import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.OriginationContract;

/** The origination contract on OkHttp. */
@AppUnderTest(OkHttpGet.class)
class OkHttpOriginationTest extends OriginationContract {

    /** A timed-out handshake fails as OkHttp's own do, on a socket timeout. */
    @Override
    protected String errorPrefix(Failure failure) {
        return failure == Failure.HANDSHAKE_TIMEOUT ? "error: SocketTimeoutException: " : super.errorPrefix(failure);
    }

    /**
     * OkHttp runs its own https handshakes under its read timeout (10 s unless set), and so an originated one; its
     * connect timeout bounds only the TCP connect.
     */
    @Override
    protected List<String> oneSecondSetUpTimeout() {
        return List.of("--connect-timeout", "1000", "--read-timeout", "1000");
    }
}
