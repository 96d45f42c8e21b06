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
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * A client-only {@link SSLContext} over a connector: every engine and socket it makes already carries the profile's
 * SNI, host check and protocols, so a library that builds its own TLS layer from a context cannot lose them.
 */
final class ConfiguredSslContext extends SSLContext {

    ConfiguredSslContext(TlsConnector connector, SSLContext context) {
        super(new Spi(connector, context), context.getProvider(), context.getProtocol());
    }

    private static final class Spi extends SSLContextSpi {
        private final TlsConnector connector;
        private final SSLContext context;
        private final SSLSocketFactory sockets;

        Spi(TlsConnector connector, SSLContext context) {
            this.connector = connector;
            this.context = context;
            this.sockets = new ConfiguredSocketFactory(connector, context.getSocketFactory());
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
            return connector.engine(null, -1);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return connector.engine(host, port);
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
            return connector.engine(null, -1).getSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return context.getSupportedSSLParameters();
        }
    }

    private static final class ConfiguredSocketFactory extends SSLSocketFactory {
        private final TlsConnector connector;
        private final SSLSocketFactory sockets;

        ConfiguredSocketFactory(TlsConnector connector, SSLSocketFactory sockets) {
            this.connector = connector;
            this.sockets = sockets;
        }

        @Override
        public Socket createSocket(Socket connected, String host, int port, boolean autoClose) throws IOException {
            return connector.layer(connected, host, port, autoClose);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connector.layer(new Socket(host, port), host, port, true);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return connector.layer(new Socket(host, port, localHost, localPort), host, port, true);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connector.layer(new Socket(host, port), host.getHostName(), port, true);
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress localHost, int localPort)
                throws IOException {
            return connector.layer(new Socket(host, port, localHost, localPort), host.getHostName(), port, true);
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
