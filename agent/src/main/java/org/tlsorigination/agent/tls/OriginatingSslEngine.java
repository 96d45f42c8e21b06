package org.tlsorigination.agent.tls;

import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An engine for one origination. Its failures name the host, since non-blocking clients hand the engine's own
 * exception to the app and the JDK's says why a handshake failed but not with whom; and a client cannot loosen
 * the rule's settings through it.
 */
final class OriginatingSslEngine extends SSLEngine {
    private final SSLEngine engine;
    private final String origination;
    private volatile boolean handshakeStarted;
    private volatile boolean handshakeFinished;

    OriginatingSslEngine(SSLEngine engine, String host, int port) {
        super(engine.getPeerHost(), engine.getPeerPort());
        this.engine = engine;
        this.origination = "TLS origination to " + host + ":" + port + " failed: ";
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] sources, int offset, int length, ByteBuffer destination)
            throws SSLException {
        if (!handshakeStarted) {
            handshakeStarted = true;
        }
        try {
            return observed(engine.wrap(sources, offset, length, destination));
        } catch (SSLException e) {
            throw named(e);
        }
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer source, ByteBuffer[] destinations, int offset, int length)
            throws SSLException {
        try {
            return observed(engine.unwrap(source, destinations, offset, length));
        } catch (SSLException e) {
            throw named(e);
        }
    }

    private SSLEngineResult observed(SSLEngineResult result) {
        if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
            handshakeFinished = true;
        }
        return result;
    }

    /**
     * The task a non-blocking client runs when its connect timeout has passed: it fails, naming the host, unless the
     * handshake has finished by then.
     */
    Callable<Void> deadline(int timeoutMillis) {
        return () -> {
            if (!handshakeFinished) {
                throw handshakeStarted
                        ? new SSLHandshakeException(origination + "the handshake timed out after " + timeoutMillis + " ms")
                        : new ConnectException(origination + "not connected within " + timeoutMillis + " ms");
            }
            return null;
        };
    }

    private SSLException named(SSLException failure) {
        if (failure.getMessage() != null && failure.getMessage().startsWith(origination)) {
            return failure;
        }
        String reason = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        SSLException named = failure instanceof SSLHandshakeException
                ? new SSLHandshakeException(origination + reason)
                : new SSLException(origination + reason);
        named.initCause(failure);
        return named;
    }

    @Override
    public Runnable getDelegatedTask() {
        return engine.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
        engine.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
        return engine.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        engine.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return engine.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        engine.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return engine.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        engine.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return engine.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return engine.getHandshakeSession();
    }

    @Override
    public void beginHandshake() throws SSLException {
        handshakeStarted = true;
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            throw named(e);
        }
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        return engine.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        engine.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return engine.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        engine.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return engine.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        engine.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return engine.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean enable) {
        engine.setEnableSessionCreation(enable);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return engine.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return engine.getSSLParameters();
    }

    /**
     * The rule decides SNI, the host check and the protocols; the client may only choose its ALPN protocols, and
     * one that offers none keeps the rule's.
     */
    @Override
    public void setSSLParameters(SSLParameters requested) {
        String[] alpn = requested.getApplicationProtocols();
        if (alpn.length > 0) {
            SSLParameters kept = engine.getSSLParameters();
            kept.setApplicationProtocols(alpn);
            engine.setSSLParameters(kept);
        }
    }

    @Override
    public String getApplicationProtocol() {
        return engine.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return engine.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        engine.setHandshakeApplicationProtocolSelector(selector);
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return engine.getHandshakeApplicationProtocolSelector();
    }
}
