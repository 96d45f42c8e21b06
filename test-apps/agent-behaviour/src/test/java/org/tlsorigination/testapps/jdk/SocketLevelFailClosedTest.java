package org.tlsorigination.testapps.jdk;

import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.FailClosedContract;

/** The socket level's row of the fail-closed matrix: a hand-written client on a bare {@code java.net.Socket}. */
@AppUnderTest(RawHttpGet.class)
class SocketLevelFailClosedTest extends FailClosedContract {

    @Override
    protected String failureLinePrefix() {
        return "error after";
    }
}
