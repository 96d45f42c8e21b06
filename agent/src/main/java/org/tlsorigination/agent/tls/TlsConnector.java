package org.tlsorigination.agent.tls;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.tlsorigination.agent.metrics.RouteCounters;
import org.tlsorigination.agent.route.TlsProfile;

/** Originates TLS over connected sockets for one {@link TlsProfile}, sharing one {@link SSLContext} so sessions resume. */
public final class TlsConnector {
    /** Newest first, so that a minimum version cuts the list after it. */
    private static final List<String> PROTOCOLS = List.of(TlsProfile.TLS_1_3, TlsProfile.TLS_1_2);

    private final TlsProfile profile;
    private final SSLContext context;
    private final String[] protocols;

    private TlsConnector(TlsProfile profile, SSLContext context, String[] protocols) {
        this.profile = profile;
        this.context = context;
        this.protocols = protocols;
    }

    /** @param material the files' contents, shared with the other connectors of the same rules */
    public static TlsConnector create(TlsProfile profile, TlsMaterial material)
            throws GeneralSecurityException, IOException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(profile.mutual() ? material.keyManagers(profile.clientCertificate(), profile.privateKey())
                : null, ServerTrust.forProfile(profile, material), null);
        SSLParameters supported = context.getSupportedSSLParameters();
        List<String> offered = PROTOCOLS.subList(0, PROTOCOLS.indexOf(profile.minProtocolVersion()) + 1);
        List<String> protocols = new ArrayList<>(offered);
        protocols.retainAll(Arrays.asList(supported.getProtocols()));
        if (protocols.isEmpty()) {
            throw new GeneralSecurityException("this JVM supports none of " + offered);
        }
        List<String> unknownSuites = new ArrayList<>(profile.cipherSuites());
        unknownSuites.removeAll(Arrays.asList(supported.getCipherSuites()));
        if (!unknownSuites.isEmpty()) {
            throw new GeneralSecurityException("this JVM does not support the cipher suites " + unknownSuites);
        }
        return new TlsConnector(profile, context, protocols.toArray(new String[0]));
    }

    /**
     * Wraps {@code connected} in TLS and completes the handshake within {@code timeoutMillis} per read. The socket's
     * own read timeout is restored afterwards.
     */
    public SSLSocket handshake(Socket connected, String host, int timeoutMillis) throws IOException {
        int port = connected.getPort();
        int readTimeout = connected.getSoTimeout();
        SSLSocket tls = null;
        try {
            tls = layer(connected, host, port, true);
            connected.setSoTimeout(timeoutMillis);
            tls.startHandshake();
            connected.setSoTimeout(readTimeout);
            return tls;
        } catch (IOException e) {
            closeQuietly(tls != null ? tls : connected);
            throw failure(host, port, timeoutMillis, e);
        }
    }

    /**
     * An {@link SSLContext} whose client engines and sockets carry this profile's settings, for libraries that take a
     * context and drive TLS themselves, and count their handshakes into {@code counters}. It shares this connector's
     * session cache.
     */
    public SSLContext sslContext(RouteCounters counters) {
        return new ConfiguredSslContext(this, context, counters);
    }

    /** The peer host given to the JDK is the name to check, so its host check and session cache key agree. */
    SSLSocket layer(Socket connected, String host, int port, boolean autoClose) throws IOException {
        String serverName = serverName(host);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(connected, serverName, port, autoClose);
        tls.setSSLParameters(parameters(serverName));
        return tls;
    }

    /** Without a host the host check has nothing to match, so such an engine fails its handshake: closed, not open. */
    SSLEngine engine(String host, int port, RouteCounters counters) {
        String serverName = serverName(host);
        SSLEngine engine = context.createSSLEngine(serverName, port);
        engine.setUseClientMode(true);
        engine.setSSLParameters(parameters(serverName));
        return new OriginatingSslEngine(engine, host, port, counters);
    }

    /** The name sent as SNI and checked against the certificate: the rule's {@code sni}, else the request host. */
    private String serverName(String host) {
        return profile.sni() != null ? profile.sni() : host;
    }

    private SSLParameters parameters(String serverName) {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(protocols);
        if (!profile.insecureSkipVerify() && profile.subjectAltNames().isEmpty()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!profile.cipherSuites().isEmpty()) {
            parameters.setCipherSuites(profile.cipherSuites().toArray(new String[0]));
        }
        parameters.setApplicationProtocols(profile.alpn().toArray(new String[0]));
        if (serverName != null && isHostName(serverName)) {
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
        }
        return parameters;
    }

    /** SNI carries host names only: an IP literal is sent without it, as browsers and curl do. */
    private static boolean isHostName(String name) {
        if (name.indexOf(':') >= 0) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return !name.endsWith(".");
            }
        }
        return false;
    }

    static IOException failure(String host, int port, int timeoutMillis, IOException cause) {
        String where = "TLS origination to " + host + ":" + port;
        IOException failure = cause instanceof SocketTimeoutException
                ? new SocketTimeoutException(where + " failed: the handshake timed out after " + timeoutMillis + " ms")
                : new SSLHandshakeException(where + " failed: " + reason(cause));
        failure.initCause(cause);
        return failure;
    }

    private static String reason(IOException failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the handshake failure is what the caller needs to see
        }
    }

    public TlsProfile profile() {
        return profile;
    }
}
