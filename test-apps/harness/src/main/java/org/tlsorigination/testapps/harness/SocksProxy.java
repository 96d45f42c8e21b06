package org.tlsorigination.testapps.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A SOCKS5 proxy (RFC 1928, with RFC 1929's user name and password where it is given one) on 127.0.0.1 that keeps,
 * for every client, the destination it asked for and every byte it sent through the tunnel, so a test can check where
 * the client went and that nothing it tunnelled was plain text. Every destination is reached on loopback, at the port
 * asked for, as the test's hosts file maps the test's names; a name it was not told of is refused as unreachable.
 */
public final class SocksProxy implements AutoCloseable {
    private static final int VERSION = 5;
    private static final int NO_AUTHENTICATION = 0;
    private static final int USER_PASSWORD = 2;
    private static final int NO_ACCEPTABLE_METHOD = 0xFF;
    private static final int CONNECT = 1;
    private static final int SUCCEEDED = 0;
    private static final int HOST_UNREACHABLE = 4;

    private final ServerSocket listener;
    private final Set<String> knownNames;
    private final String login;
    private final List<Tunnel> tunnels = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private SocksProxy(Set<String> knownNames, String login) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.knownNames = knownNames;
        this.login = login;
        Streams.daemon(this::accept, "socks proxy");
    }

    /** A proxy that asks for no credentials and reaches the given names (and any loopback address). */
    public static SocksProxy start(String... knownNames) throws IOException {
        return new SocksProxy(Set.of(knownNames), null);
    }

    /** A proxy that lets in only the client that gives this user name and password. */
    public static SocksProxy withLogin(String user, String password, String... knownNames) throws IOException {
        return new SocksProxy(Set.of(knownNames), user + ":" + password);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Each client's destination as it asked for it ({@code edition.cnn.com:443}, {@code 127.0.0.1:443}). */
    public List<String> destinations() {
        List<String> destinations = new ArrayList<>();
        for (Tunnel tunnel : tunnels) {
            destinations.add(tunnel.destination);
        }
        return destinations;
    }

    /** What each client sent through its tunnel, in Latin-1 so that every byte stays one character. */
    public List<String> tunnelled() {
        List<String> texts = new ArrayList<>();
        for (Tunnel tunnel : tunnels) {
            synchronized (tunnel.sent) {
                texts.add(tunnel.sent.toString(StandardCharsets.ISO_8859_1));
            }
        }
        return texts;
    }

    /** Whether every tunnel so far began with a TLS handshake record, and at least one was opened. */
    public boolean onlyTlsTunnelled() {
        List<String> texts = tunnelled();
        return !texts.isEmpty() && texts.stream().allMatch(text -> !text.isEmpty() && text.charAt(0) == 0x16);
    }

    /**
     * Asserts that {@code tunnels} tunnels were opened, each to {@code port}, and that each carried TLS from its first
     * byte and no request line.
     */
    public void assertOnlyTlsTunnelledTo(int port, int tunnels) {
        assertEquals(tunnels, destinations().size(), destinations()::toString);
        for (String destination : destinations()) {
            assertTrue(destination.endsWith(":" + port), destinations()::toString);
        }
        assertTrue(onlyTlsTunnelled(), tunnelled()::toString);
        assertTrue(tunnelled().stream().noneMatch(sent -> sent.contains(" HTTP/1.1\r\n")), tunnelled()::toString);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                Streams.daemon(() -> serve(client), "socks proxy client");
            } catch (IOException e) {
                // the listener closed
            }
        }
    }

    private void serve(Socket client) {
        try {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (!greet(in, out)) {
                client.close();
                return;
            }
            String destination = readConnect(in);
            String host = destination.substring(0, destination.lastIndexOf(':'));
            int port = Integer.parseInt(destination.substring(destination.lastIndexOf(':') + 1));
            if (!knownNames.contains(host) && !InetAddress.getByName(host).isLoopbackAddress()) {
                out.write(new byte[] {VERSION, HOST_UNREACHABLE, 0, 1, 0, 0, 0, 0, 0, 0});
                client.close();
                return;
            }
            Socket upstream = new Socket(InetAddress.getByName("127.0.0.1"), port);
            open.add(upstream);
            Tunnel tunnel = new Tunnel(destination);
            tunnels.add(tunnel);
            byte[] bound = upstream.getLocalAddress().getAddress();
            out.write(new byte[] {VERSION, SUCCEEDED, 0, 1, bound[0], bound[1], bound[2], bound[3],
                (byte) (upstream.getLocalPort() >> 8), (byte) upstream.getLocalPort()});
            out.flush();
            Streams.daemon(() -> Streams.copy(upstream, client, null), "socks proxy downstream");
            Streams.copy(client, upstream, tunnel.sent);
        } catch (IOException e) {
            Streams.closeQuietly(client);
        }
    }

    private boolean greet(DataInputStream in, OutputStream out) throws IOException {
        if (in.readUnsignedByte() != VERSION) {
            return false;
        }
        byte[] methods = new byte[in.readUnsignedByte()];
        in.readFully(methods);
        int wanted = login == null ? NO_AUTHENTICATION : USER_PASSWORD;
        boolean offered = false;
        for (byte method : methods) {
            offered |= method == wanted;
        }
        out.write(new byte[] {VERSION, (byte) (offered ? wanted : NO_ACCEPTABLE_METHOD)});
        out.flush();
        if (!offered || login == null) {
            return offered;
        }
        in.readUnsignedByte();
        String user = readString(in);
        String password = readString(in);
        boolean accepted = login.equals(user + ":" + password);
        out.write(new byte[] {1, (byte) (accepted ? 0 : 1)});
        out.flush();
        return accepted;
    }

    private static String readConnect(DataInputStream in) throws IOException {
        byte[] head = new byte[4];
        in.readFully(head);
        if (head[0] != VERSION || head[1] != CONNECT) {
            throw new IOException("not a SOCKS5 CONNECT");
        }
        String host;
        switch (head[3]) {
            case 1:
                byte[] v4 = new byte[4];
                in.readFully(v4);
                host = InetAddress.getByAddress(v4).getHostAddress();
                break;
            case 3:
                host = readString(in);
                break;
            case 4:
                byte[] v6 = new byte[16];
                in.readFully(v6);
                host = InetAddress.getByAddress(v6).getHostAddress();
                break;
            default:
                throw new IOException("unknown SOCKS5 address type " + head[3]);
        }
        return host + ":" + in.readUnsignedShort();
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] text = new byte[in.readUnsignedByte()];
        in.readFully(text);
        return new String(text, StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            Streams.closeQuietly(socket);
        }
    }

    private static final class Tunnel {
        final String destination;
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();

        Tunnel(String destination) {
            this.destination = destination;
        }
    }
}
