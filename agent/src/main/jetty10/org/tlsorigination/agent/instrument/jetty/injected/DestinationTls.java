package org.tlsorigination.agent.instrument.jetty.injected;

import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * A destination's TLS factories over the rules' contexts: one started factory per context, kept as a bean that stops
 * with the destination. Built for Java 11 against Jetty 10's {@code jetty-util}, whose types Jetty 12 keeps, so it
 * serves every Jetty generation, whose destinations are all containers.
 */
public final class DestinationTls {

    private DestinationTls() {
    }

    public static SslContextFactory.Client forRoute(ContainerLifeCycle destination, Route route) {
        for (SslContextFactory.Client candidate : destination.getBeans(SslContextFactory.Client.class)) {
            if (candidate.getSslContext() == route.sslContext()) {
                return candidate;
            }
        }
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setSslContext(route.sslContext());
        try {
            tls.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the TLS of " + route, e);
        }
        destination.addBean(tls, true);
        return tls;
    }
}
