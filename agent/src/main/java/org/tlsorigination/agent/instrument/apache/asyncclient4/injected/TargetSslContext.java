package org.tlsorigination.agent.instrument.apache.asyncclient4.injected;

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
 * A rule's context whose engines are all for one target host. HttpCore NIO 4.3's TLS session makes its engine for the
 * session's remote host, which in a tunnel is the proxy; the rule's SNI and host check are the target's.
 */
public final class TargetSslContext extends SSLContext {

    TargetSslContext(SSLContext rule, String host, int port) {
        super(new Spi(rule, host, port), rule.getProvider(), rule.getProtocol());
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext rule;
        private final String host;
        private final int port;

        Spi(SSLContext rule, String host, int port) {
            this.rule = rule;
            this.host = host;
            this.port = port;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
            throw new UnsupportedOperationException("the TLS settings come from the origination rule");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return rule.createSSLEngine(host, port);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String peerHost, int peerPort) {
            return rule.createSSLEngine(host, port);
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return rule.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return rule.getServerSocketFactory();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return rule.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return rule.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return rule.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return rule.getSupportedSSLParameters();
        }
    }
}
