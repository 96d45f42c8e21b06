package org.tlsorigination.agent.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.tlsorigination.agent.metrics.RouteCounters;
import org.tlsorigination.agent.route.TlsProfile;

/**
 * Originates TLS over connected sockets for one {@link TlsProfile}, sharing one {@link SSLContext} so sessions resume.
 * The files the profile names are read when the connector is created, so a broken one is a start-up error; the
 * context, and the JVM's trust store where the profile uses it, wait for the first connection, so an app that never
 * makes one never loads the JDK's TLS stack.
 */
public final class TlsConnector {
    /** Newest first, so that a minimum version cuts the list after it. */
    private static final List<String> PROTOCOLS = List.of(TlsProfile.TLS_1_3, TlsProfile.TLS_1_2);

    private final TlsProfile profile;
    /** Shared with the other connectors of the same rules, which may build their contexts at the same time. */
    private final TlsMaterial material;
    private final KeyManager[] keys;
    /** Null where the profile trusts the JVM's trust store, which is read on first use. */
    private final TrustManager[] trust;
    private volatile Built built;

    private TlsConnector(TlsProfile profile, TlsMaterial material, KeyManager[] keys, TrustManager[] trust) {
        this.profile = profile;
        this.material = material;
        this.keys = keys;
        this.trust = trust;
    }

    /** @param material the files' contents, shared with the other connectors of the same rules */
    public static TlsConnector create(TlsProfile profile, TlsMaterial material)
            throws GeneralSecurityException, IOException {
        KeyManager[] keys = profile.mutual()
                ? material.keyManagers(profile.clientCertificate(), profile.privateKey()) : null;
        boolean namesTrust = profile.insecureSkipVerify() || profile.caCertificates() != null
                || profile.caCrl() != null;
        TlsConnector connector = new TlsConnector(profile, material, keys,
                namesTrust ? ServerTrust.forProfile(profile, material) : null);
        if (!profile.cipherSuites().isEmpty()) {
            connector.built = connector.build(); // only the JVM's TLS provider knows which suites it has
        }
        return connector;
    }

    /**
     * Wraps {@code connected} in TLS and completes the handshake within {@code timeoutMillis} per read. The socket's
     * own read timeout is restored afterwards.
     */
    public Socket handshake(Socket connected, String host, int timeoutMillis) throws IOException {
        Built tls;
        try {
            tls = built();
        } catch (SSLException e) {
            closeQuietly(connected);
            throw failure(host, connected.getPort(), timeoutMillis, e);
        }
        return tls.handshake(connected, host, timeoutMillis);
    }

    /**
     * An {@link SSLContext} whose client engines and sockets carry this profile's settings, for libraries that take a
     * context and drive TLS themselves, and count their handshakes into {@code counters}. It shares this connector's
     * session cache.
     */
    public SSLContext sslContext(RouteCounters counters) {
        try {
            return new ConfiguredSslContext(this, built().jdk, counters);
        } catch (SSLException e) {
            throw new UncheckedIOException(e);
        }
    }

    SSLSocket layer(Socket connected, String host, int port, boolean autoClose) throws IOException {
        return built().layer(connected, host, port, autoClose);
    }

    /** Only the configured context calls this, and it exists once the rest is built. */
    SSLEngine engine(String host, int port, RouteCounters counters) {
        return built.engine(host, port, counters);
    }

    private Built built() throws SSLException {
        Built tls = built;
        if (tls == null) {
            synchronized (this) {
                tls = built;
                if (tls == null) {
                    try {
                        tls = build();
                    } catch (GeneralSecurityException | IOException e) {
                        throw new SSLException("cannot build TLS settings " + profile + ": " + e.getMessage(), e);
                    }
                    built = tls;
                }
            }
        }
        return tls;
    }

    private Built build() throws GeneralSecurityException, IOException {
        SSLContext jdk = SSLContext.getInstance("TLS");
        jdk.init(keys, trust != null ? trust : ServerTrust.forProfile(profile, material), null);
        SSLParameters supported = jdk.getSupportedSSLParameters();
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
        return new Built(this, jdk, protocols.toArray(new String[0]));
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

    /**
     * The context, and all the code that layers TLS over a socket. Linking it loads {@code java.net.Socket}, a type the
     * guard rewrites, and a rewritten type loaded at start-up would bring Byte Buddy with it: so it is linked on the
     * first connection, and the connector's own methods pass sockets on without converting their types.
     */
    private static final class Built {
        private final TlsProfile profile;
        private final SSLContext jdk;
        private final String[] protocols;

        Built(TlsConnector connector, SSLContext jdk, String[] protocols) {
            this.profile = connector.profile;
            this.jdk = jdk;
            this.protocols = protocols;
        }

        Socket handshake(Socket connected, String host, int timeoutMillis) throws IOException {
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

        /** The peer host given to the JDK is the name to check, so its host check and session cache key agree. */
        SSLSocket layer(Socket connected, String host, int port, boolean autoClose) throws IOException {
            String serverName = serverName(host);
            SSLSocket tls = (SSLSocket) jdk.getSocketFactory().createSocket(connected, serverName, port, autoClose);
            tls.setSSLParameters(parameters(serverName));
            return tls;
        }

        /**
         * Without a host the host check has nothing to match, so such an engine fails its handshake: closed, not
         * open.
         */
        SSLEngine engine(String host, int port, RouteCounters counters) {
            String serverName = serverName(host);
            SSLEngine engine = jdk.createSSLEngine(serverName, port);
            engine.setUseClientMode(true);
            engine.setSSLParameters(parameters(serverName));
            return new OriginatingSslEngine(engine, host, port, counters);
        }

        /** The name sent as SNI and checked against the certificate: the rule's {@code sni}, else the request host. */
        private String serverName(String host) {
            return profile.sni() != null ? profile.sni() : host;
        }

        private SSLParameters parameters(String serverName) {
            SSLParameters parameters = jdk.getDefaultSSLParameters();
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
    }
}
