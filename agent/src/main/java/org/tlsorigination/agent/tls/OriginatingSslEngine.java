package org.tlsorigination.agent.tls;

import java.io.EOFException;
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
import org.tlsorigination.agent.metrics.RouteCounters;

/**
 * An engine for one origination. Its failures name the host, since non-blocking clients hand the engine's own
 * exception to the app and the JDK's says why a handshake failed but not with whom; and a client cannot loosen
 * the rule's settings through it. It sees its handshake finish or fail, and counts either once.
 */
final class OriginatingSslEngine extends SSLEngine {
    private final SSLEngine engine;
    private final String host;
    private final int port;
    private final String origination;
    private final RouteCounters counters;
    private volatile boolean handshakeStarted;
    private volatile boolean handshakeFinished;
    private volatile boolean outcomeCounted;
    /** The first failure of the handshake: the reason for any later failure of the connection before it finished. */
    private volatile SSLException handshakeFailure;
    private long startedMillis;
    private long startedNanos;

    OriginatingSslEngine(SSLEngine engine, String host, int port, RouteCounters counters) {
        super(engine.getPeerHost(), engine.getPeerPort());
        this.engine = engine;
        this.host = host;
        this.port = port;
        this.origination = "TLS origination to " + host + ":" + port + " failed: ";
        this.counters = counters;
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] sources, int offset, int length, ByteBuffer destination)
            throws SSLException {
        if (!handshakeStarted) {
            started();
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

    private void started() {
        startedMillis = System.currentTimeMillis();
        startedNanos = System.nanoTime();
        handshakeStarted = true;
    }

    private SSLEngineResult observed(SSLEngineResult result) {
        if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
            handshakeFinished = true;
            if (!outcomeCounted) {
                outcomeCounted = true;
                counters.completed(host, port, engine.getSession(), startedMillis, startedNanos);
            }
        }
        return result;
    }

    /** A handshake that started and ends otherwise than finished failed, however the client learnt of it. */
    private void failedUnlessFinished() {
        if (handshakeStarted && !handshakeFinished && !outcomeCounted) {
            outcomeCounted = true;
            counters.failed();
        }
    }

    /**
     * The task a non-blocking client runs when its connect timeout has passed: it fails, naming the host, unless the
     * handshake has finished by then.
     */
    Callable<Void> deadline(int timeoutMillis) {
        return () -> {
            if (!handshakeFinished) {
                failedUnlessFinished();
                if (!handshakeStarted) {
                    throw new ConnectException(origination + "not connected within " + timeoutMillis + " ms");
                }
                throw remembered(new SSLHandshakeException(origination + "the handshake timed out after "
                        + timeoutMillis + " ms"));
            }
            return null;
        };
    }

    /** A failure the client met past the engine: named as {@link #named} does, unless the handshake had finished. */
    Throwable namedUnlessFinished(Throwable failure) {
        return handshakeFinished ? failure : named(failure);
    }

    /** {@code failure} as the app sees it: named, and a handshake failure unless the engine said otherwise. */
    SSLException named(Throwable failure) {
        failedUnlessFinished();
        SSLException first = handshakeFailure;
        if (first != null && !handshakeFinished) {
            return first;
        }
        if (failure instanceof SSLException && failure.getMessage() != null
                && failure.getMessage().startsWith(origination)) {
            return (SSLException) failure;
        }
        // A client's end-of-stream exception carries its connection's state, not a reason.
        String reason = failure instanceof EOFException ? "the peer closed the connection during the handshake"
                : failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        SSLException named = failure instanceof SSLException && !(failure instanceof SSLHandshakeException)
                ? new SSLException(origination + reason)
                : new SSLHandshakeException(origination + reason);
        named.initCause(failure);
        return handshakeFinished ? named : remembered(named);
    }

    private SSLException remembered(SSLException failure) {
        if (handshakeFailure == null) {
            handshakeFailure = failure;
        }
        return handshakeFailure;
    }

    @Override
    public Runnable getDelegatedTask() {
        return engine.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
        failedUnlessFinished();
        engine.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
        return engine.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        failedUnlessFinished();
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
        if (!handshakeStarted) {
            started();
        }
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
