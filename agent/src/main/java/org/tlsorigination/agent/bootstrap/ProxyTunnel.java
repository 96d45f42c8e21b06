package org.tlsorigination.agent.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A CONNECT tunnel through an HTTP proxy, for a blocking client that would otherwise hand an originated request to
 * its proxy in plain text: the proxy sees the host and the TLS port, and the TLS runs inside the tunnel. A proxy
 * asking for Basic authentication is answered with the app's own credentials; any answer but 2xx fails the request,
 * naming the proxy, its status and the host.
 */
public final class ProxyTunnel {
    private static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final int MAX_SKIPPED_BODY_BYTES = 64 * 1024;

    /** The app's credentials for a proxy, as its client would find them; null when it has none. */
    public interface Login {
        PasswordAuthentication forProxy(String proxyHost, int proxyPort, String realm);
    }

    /**
     * The JVM's default {@link Authenticator}, as {@code HttpURLConnection} asks it for an HTTP proxy, unless the
     * app turned Basic off for proxies ({@code jdk.http.auth.proxying.disabledSchemes}).
     */
    public static final Login DEFAULT_AUTHENTICATOR = (proxyHost, proxyPort, realm) ->
            System.getProperty("jdk.http.auth.proxying.disabledSchemes", "").toLowerCase(Locale.ROOT)
                    .contains("basic") ? null
                    : Authenticator.requestPasswordAuthentication(proxyHost, null, proxyPort, "http", realm, "Basic",
                            null, Authenticator.RequestorType.PROXY);

    /** The clients whose connection runs in a tunnel of this class: their requests go as if direct, inside it. */
    private static final Map<Object, Boolean> TUNNELLED = Collections.synchronizedMap(new WeakHashMap<>());

    private ProxyTunnel() {
    }

    /** Remembers that {@code client}'s connection runs in a tunnel, for as long as the client lives. */
    public static void carrying(Object client) {
        TUNNELLED.put(client, Boolean.TRUE);
    }

    public static boolean carries(Object client) {
        return client != null && TUNNELLED.containsKey(client);
    }

    /**
     * Opens a tunnel to host:port over {@code toProxy}, a socket the client connected to its proxy, within
     * {@code timeoutMillis} per read. Returns the socket the tunnel runs on: {@code toProxy}, or a new connection to
     * the proxy when the proxy closed the first after asking for credentials. On failure every socket is closed.
     */
    public static Socket open(Socket toProxy, String host, int port, int timeoutMillis, Login login)
            throws IOException {
        InetSocketAddress proxy = (InetSocketAddress) toProxy.getRemoteSocketAddress();
        String failure = failure(host, port, proxy.getHostString() + ":" + proxy.getPort());
        Socket socket = toProxy;
        int readTimeout = socket.getSoTimeout();
        try {
            String authorization = null;
            for (int attempt = 0; attempt < 2; attempt++) {
                socket.setSoTimeout(timeoutMillis);
                send(socket.getOutputStream(), host + ":" + port, authorization);
                Head head = Head.read(socket.getInputStream(), failure);
                if (head.status / 100 == 2) {
                    socket.setSoTimeout(readTimeout);
                    return socket;
                }
                if (head.status != 407 || authorization != null) {
                    throw new IOException(failure + "the proxy answered " + head.statusText());
                }
                authorization = basic(login, proxy, head.header("proxy-authenticate"));
                if (authorization == null) {
                    throw new IOException(failure + "the proxy answered " + head.statusText() + " and the app has no "
                            + "Basic credentials for it");
                }
                if (!head.skipBody(socket.getInputStream())) {
                    socket.close();
                    socket = reconnect(proxy, timeoutMillis);
                }
            }
            throw new IOException(failure + "the proxy refused the app's credentials");
        } catch (SocketTimeoutException e) {
            close(socket, toProxy);
            throw (SocketTimeoutException) new SocketTimeoutException(failure + "the proxy did not answer within "
                    + timeoutMillis + " ms").initCause(e);
        } catch (IOException | RuntimeException e) {
            close(socket, toProxy);
            if (e instanceof IOException && e.getMessage() != null && e.getMessage().startsWith(failure)) {
                throw (IOException) e;
            }
            throw new IOException(failure + e.getMessage(), e);
        }
    }

    /**
     * The failure of a tunnel that a client opens itself, to host:port through {@code proxy} ({@code host:port}), for
     * an originated request, when the proxy answered {@code answer} (its status and reason) instead of opening it.
     */
    public static IOException refused(String host, int port, String proxy, String answer) {
        return new IOException(failure(host, port, proxy) + "the proxy answered " + answer);
    }

    private static String failure(String host, int port, String proxy) {
        return "TLS origination to " + host + ":" + port + " through the proxy " + proxy + " failed: ";
    }

    private static void close(Socket socket, Socket toProxy) throws IOException {
        socket.close();
        toProxy.close();
    }

    /** Sends {@code CONNECT authority}, with {@code authorization} as the proxy's credentials unless null. */
    static void send(OutputStream out, String authority, String authorization) throws IOException {
        StringBuilder request = new StringBuilder("CONNECT ").append(authority).append(" HTTP/1.1\r\nHost: ")
                .append(authority).append("\r\n");
        if (authorization != null) {
            request.append("Proxy-Authorization: ").append(authorization).append("\r\n");
        }
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** A header's value in an HTTP head's text, or null. */
    static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** Basic only: a scheme the agent does not speak fails the request rather than downgrading anything. */
    private static String basic(Login login, InetSocketAddress proxy, String challenge) {
        if (login == null || challenge == null || !challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            return null;
        }
        int realmAt = challenge.toLowerCase(Locale.ROOT).indexOf("realm=\"");
        String realm = realmAt < 0 ? "" : challenge.substring(realmAt + 7, Math.max(realmAt + 7,
                challenge.indexOf('"', realmAt + 7)));
        PasswordAuthentication credentials = login.forProxy(proxy.getHostString(), proxy.getPort(), realm);
        if (credentials == null) {
            return null;
        }
        String pair = credentials.getUserName() + ":" + new String(credentials.getPassword());
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static Socket reconnect(SocketAddress proxy, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        socket.connect(proxy, timeoutMillis);
        return socket;
    }

    /** A proxy's response head, read byte by byte so that not one byte of the tunnel is taken with it. */
    static final class Head {
        private final int status;
        private final String text;

        private Head(int status, String text) {
            this.status = status;
            this.text = text;
        }

        static Head read(InputStream in, String failure) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException(failure + "the proxy closed the connection before it answered");
                }
                if (head.size() == MAX_HEAD_BYTES) {
                    throw new IOException(failure + "the proxy's answer is longer than " + MAX_HEAD_BYTES + " bytes");
                }
                head.write(b);
                matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            String[] statusLine = text.substring(0, text.indexOf("\r\n")).split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/") || !statusLine[1].matches("\\d{3}")) {
                throw new IOException(failure + "the proxy did not answer in HTTP");
            }
            return new Head(Integer.parseInt(statusLine[1]), text);
        }

        int status() {
            return status;
        }

        /**
         * The head as the proxy sent it, to hand a client the answer it would have had, saying the connection closes:
         * the client asks again on a new one.
         */
        byte[] closing() {
            String statusLine = text.substring(0, text.indexOf("\r\n") + 2);
            StringBuilder head = new StringBuilder(statusLine);
            for (String line : text.substring(statusLine.length()).split("\r\n")) {
                String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim() : "";
                if (!name.isEmpty() && !name.equalsIgnoreCase("connection")
                        && !name.equalsIgnoreCase("proxy-connection")) {
                    head.append(line).append("\r\n");
                }
            }
            return head.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        String statusText() {
            return text.substring(text.indexOf(' ') + 1, text.indexOf("\r\n"));
        }

        String header(String name) {
            return ProxyTunnel.header(text, name);
        }

        /** Reads past a small body the proxy keeps the connection open after; false when it must be reopened. */
        boolean skipBody(InputStream in) throws IOException {
            String connection = header("proxy-connection") != null ? header("proxy-connection") : header("connection");
            String length = header("content-length");
            if ("close".equalsIgnoreCase(connection) || length == null || !length.matches("\\d{1,9}")
                    || Integer.parseInt(length) > MAX_SKIPPED_BODY_BYTES) {
                return false;
            }
            for (int left = Integer.parseInt(length); left > 0; left--) {
                if (in.read() < 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
