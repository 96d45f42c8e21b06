package org.tlsorigination.agent.instrument.okhttp.injected;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import okhttp3.Address;
import okhttp3.CertificatePinner;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.internal.tls.CertificateChainCleaner;
import org.tlsorigination.agent.bootstrap.OriginatedHostnameVerifier;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * OkHttp's originated Addresses, in OkHttp's class loader. An originated Address is marked by its hostname verifier,
 * which carries the route; its connections are planned, connected and handshaken by OkHttp itself.
 */
public final class OriginatedAddresses {

    /** HTTP/1.1, as the app asked for with http: cleartext HTTP/2 is never negotiated over TLS. */
    private static final List<Protocol> HTTP_1_1 = Collections.singletonList(Protocol.HTTP_1_1);

    /** Keeps the protocols, cipher suites and ALPN the rule's sockets come with: OkHttp sets none of its own. */
    @SuppressWarnings("deprecation")
    private static final List<ConnectionSpec> RULE_SPECS = Collections.singletonList(
            new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS).allEnabledTlsVersions().allEnabledCipherSuites()
                    .supportsTlsExtensions(false).build());

    private OriginatedAddresses() {
    }

    /** The route of an Address built as originated, or null for one the app built. */
    public static Route routeOf(Address address) {
        return address.hostnameVerifier() instanceof OriginatedHostnameVerifier
                ? ((OriginatedHostnameVerifier) address.hostnameVerifier()).route() : null;
    }

    /**
     * The arguments of {@code new Address(...)}, made those of an originated one when a rule originates its plain http
     * host and port: the route's socket factory, a verifier that leaves the name check to the rule's trust, no pins,
     * HTTP/1.1 as the app asked for with http, a ConnectionSpec that keeps the protocols, cipher suites and ALPN the
     * rule's sockets come with, and the proxies the app's selector gives its http URL. Equal Addresses for equal calls,
     * so the pool reuses their connections.
     *
     * @param pinnerCleansChains 4.x and 5.x list a handshake's peer certificates through the pinner's chain cleaner, so
     *     the pinner must have one; 3.x lists them itself, and its default pinner is the one it lets others use
     */
    public static Object[] originate(Object[] arguments, boolean pinnerCleansChains) throws ConnectException {
        Route route = arguments[4] == null ? Origination.route((String) arguments[0], (Integer) arguments[1]) : null;
        if (route != null) {
            arguments[4] = route.sslContext().getSocketFactory();
            arguments[5] = new OriginatedHostnameVerifier(route);
            arguments[6] = pinnerCleansChains ? noPins() : CertificatePinner.DEFAULT;
            arguments[9] = HTTP_1_1;
            arguments[10] = RULE_SPECS;
            arguments[11] = new HttpProxySelector((ProxySelector) arguments[11]);
        }
        return arguments;
    }

    /** No pins, with a cleaner that has no roots: the app reads a handshake's peer certificates as an empty list. */
    private static CertificatePinner noPins() {
        return new CertificatePinner(Collections.emptySet(), CertificateChainCleaner.Companion.get(new X509Certificate[0]));
    }

    /**
     * Where a route of an originated Address connects: the resolved address of a direct route, or the name a SOCKS
     * proxy resolves, at the rule's port. A route through an HTTP proxy connects to the proxy, and tunnels to that
     * port.
     */
    public static InetSocketAddress connectAddress(Address address, Proxy proxy, InetSocketAddress socketAddress) {
        Route route = routeOf(address);
        return route == null || proxy.type() == Proxy.Type.HTTP ? socketAddress
                : Origination.atRoutedPort(socketAddress, route);
    }

    /**
     * The authority a tunnel to {@code url} is opened to: an originated Address's URL is the app's https form of its
     * http one, whose tunnel goes to the rule's port instead.
     */
    public static String tunnelTarget(HttpUrl url, boolean withPort, String authority) throws ConnectException {
        Route route = withPort && url.isHttps() ? Origination.routeScheme("http", url.host(), url.port()) : null;
        return route == null ? authority : authority.substring(0, authority.lastIndexOf(':') + 1) + route.port();
    }

    /** An originated request through an HTTP proxy runs in a tunnel to the server: its request line has the origin form. */
    public static String requestLine(Request request, Proxy.Type proxyType, String line) throws ConnectException {
        if (request.isHttps() || proxyType != Proxy.Type.HTTP
                || Origination.routeScheme("http", request.url().host(), request.url().port()) == null) {
            return line;
        }
        HttpUrl url = request.url();
        String query = url.encodedQuery();
        return request.method() + " " + url.encodedPath() + (query == null ? "" : "?" + query) + " HTTP/1.1";
    }

    /** A proxy's refusal of an originated tunnel, named with the host, the rule's port and the proxy. */
    public static Throwable namedRefusal(okhttp3.Route route, Throwable thrown) {
        Route origination = routeOf(route.address());
        if (origination == null || !(thrown instanceof IOException)) {
            return thrown;
        }
        IOException named = new IOException("TLS origination to " + route.address().url().host() + ":"
                + origination.port() + " through the proxy " + route.socketAddress().getHostString() + ":"
                + route.socketAddress().getPort() + " failed: " + thrown.getMessage());
        named.initCause(thrown);
        return named;
    }

    /**
     * Bounds OkHttp's handshake on an originated connection: the read timeout OkHttp gave the socket, as for its own
     * https, else the agent's handshake timeout, which OkHttp replaces with its own read timeout before its first
     * exchange. Returns the bound, or -1 for a connection that is not originated.
     */
    public static int boundHandshake(okhttp3.Route route, Socket rawSocket) throws SocketException {
        Route origination = routeOf(route.address());
        return origination == null ? -1 : bound(origination, rawSocket);
    }

    static int bound(Route origination, Socket rawSocket) throws SocketException {
        if (rawSocket.getSoTimeout() > 0) {
            return rawSocket.getSoTimeout();
        }
        int bound = origination.handshakeTimeoutMillis(0);
        rawSocket.setSoTimeout(bound);
        return bound;
    }

    /** A failed handshake of an originated connection, named with the host and the route's port. */
    public static Throwable named(okhttp3.Route route, int timeoutMillis, Throwable thrown) {
        return timeoutMillis >= 0 && thrown instanceof IOException
                ? routeOf(route.address()).handshakeFailure(route.address().url().host(), timeoutMillis,
                        (IOException) thrown)
                : thrown;
    }
}
