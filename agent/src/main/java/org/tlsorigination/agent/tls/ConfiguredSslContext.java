package org.tlsorigination.agent.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.tlsorigination.agent.metrics.RouteCounters;

/**
 * A client-only {@link SSLContext} over a connector: every engine and socket it makes already carries the profile's
 * SNI, host check and protocols, so a library that builds its own TLS layer from a context cannot lose them, and
 * counts its handshake into one route's counters.
 */
final class ConfiguredSslContext extends SSLContext {

    ConfiguredSslContext(TlsConnector connector, SSLContext context, RouteCounters counters) {
        super(new Spi(connector, context, counters), context.getProvider(), context.getProtocol());
    }

    private static final class Spi extends SSLContextSpi {
        private final TlsConnector connector;
        private final SSLContext context;
        private final RouteCounters counters;
        private final SSLSocketFactory sockets;

        Spi(TlsConnector connector, SSLContext context, RouteCounters counters) {
            this.connector = connector;
            this.context = context;
            this.counters = counters;
            this.sockets = new ConfiguredSocketFactory(connector, context.getSocketFactory(), counters);
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random)
                throws KeyManagementException {
            throw new KeyManagementException("the TLS settings come from the origination rule");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return sockets;
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw new UnsupportedOperationException("TLS origination is client-side only");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return connector.engine(null, -1, counters);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return connector.engine(host, port, counters);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return context.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return context.getClientSessionContext();
        }

        /** What its engines carry; libraries that size their settings from these (Jetty) see the rule's. */
        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return connector.engine(null, -1, counters).getSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return context.getSupportedSSLParameters();
        }
    }

    /**
     * The client runs the handshake of these sockets itself (OkHttp), so the only way to see it complete is the JDK's
     * listener, which the JDK calls on a thread of its own; a failure is counted where the client's advice names it
     * ({@link OriginatingRoute#handshakeFailure}).
     */
    private static final class ConfiguredSocketFactory extends SSLSocketFactory {
        private final TlsConnector connector;
        private final SSLSocketFactory sockets;
        private final RouteCounters counters;

        ConfiguredSocketFactory(TlsConnector connector, SSLSocketFactory sockets, RouteCounters counters) {
            this.connector = connector;
            this.sockets = sockets;
            this.counters = counters;
        }

        @Override
        public Socket createSocket(Socket connected, String host, int port, boolean autoClose) throws IOException {
            return counted(connector.layer(connected, host, port, autoClose), host, port);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return counted(connector.layer(new Socket(host, port), host, port, true), host, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return counted(connector.layer(new Socket(host, port, localHost, localPort), host, port, true), host, port);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return counted(connector.layer(new Socket(host, port), host.getHostName(), port, true),
                    host.getHostName(), port);
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress localHost, int localPort)
                throws IOException {
            String name = host.getHostName();
            return counted(connector.layer(new Socket(host, port, localHost, localPort), name, port, true), name, port);
        }

        private SSLSocket counted(SSLSocket tls, String host, int port) {
            long startedMillis = System.currentTimeMillis();
            long startedNanos = System.nanoTime();
            tls.addHandshakeCompletedListener(
                    event -> counters.completed(host, port, event.getSession(), startedMillis, startedNanos));
            return tls;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return sockets.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return sockets.getSupportedCipherSuites();
        }
    }
}
