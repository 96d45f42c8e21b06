package org.tlsorigination.agent.instrument.jetty.injected;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.tlsorigination.agent.bootstrap.Origination;

/**
 * The failure of a request on a TLS endpoint as the app must see it: named if an originated handshake failed. Built
 * for Java 11 against Jetty 10's {@code jetty-io}, whose TLS endpoint Jetty 9.4 has too.
 */
public final class EndPointFailures {

    private EndPointFailures() {
    }

    public static Throwable named(EndPoint endPoint, Throwable failure) {
        return endPoint instanceof SslConnection.DecryptedEndPoint
                ? Origination.failureOf(((SslConnection.DecryptedEndPoint) endPoint).getSslConnection().getSSLEngine(),
                        failure)
                : failure;
    }
}
