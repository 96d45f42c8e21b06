package org.tlsorigination.testapps.jetty;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.OriginationContract;

/**
 * The origination contract on Jetty's HttpClient, which returns a connection to its pool once the response has
 * been read, so sequential requests share one.
 */
@AppUnderTest(JettyGet.class)
class JettyOriginationTest extends OriginationContract {

    /** Jetty opens its own tunnel to the rule's port. */
    @Override
    protected ProxiedRequests proxiedRequests() {
        return ProxiedRequests.TUNNELLED;
    }

    /** The request failed because its handshake did, not because the guard refused Jetty's connect. */
    @Override
    protected void assertFailureExplained(ChildJvm.Result result) {
        assertFalse(result.stderr().contains("refused a plain-text connection"), result::toString);
    }
}
