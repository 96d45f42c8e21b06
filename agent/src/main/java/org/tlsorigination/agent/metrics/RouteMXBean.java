package org.tlsorigination.agent.metrics;

/** {@code tlsorigination:type=Route,host=HOST,port=PORT}: one host pattern and port that a rule originates. */
public interface RouteMXBean {

    long getConnectionsOriginated();

    long getHandshakeFailures();
}
