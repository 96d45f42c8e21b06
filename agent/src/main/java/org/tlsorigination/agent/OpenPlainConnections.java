package org.tlsorigination.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tlsorigination.agent.route.RouteTable;

/**
 * After an attach, the TCP connections this process already has open to the hosts and ports the rules originate:
 * a pool hands them out as they are, so they carry plain text until the app closes them. Linux tells them from
 * {@code /proc/self/fd} (this process's sockets) and {@code /proc/self/net/tcp} and {@code tcp6} (their peers); the
 * rules' exact host names are resolved here, a few and within a time bound, so a connection to an address the app
 * got otherwise, to a wildcard's host or through a proxy goes unseen.
 */
final class OpenPlainConnections {
    private static final int HOSTS = 64;
    private static final long RESOLVE_MILLIS = 2_000;
    private static final int FILE_DESCRIPTORS = 100_000;
    private static final int TABLE_BYTES = 16 << 20;
    private static final String ESTABLISHED = "01";

    private OpenPlainConnections() {
    }

    /** One line, naming each host and port with its count, or saying that none or that it cannot tell. */
    static String describe(RouteTable table) {
        Map<InetAddress, List<String>> hostsByAddress = new HashMap<>();
        Map<String, Set<Integer>> portsByHost = originatedPorts(table);
        long deadline = System.currentTimeMillis() + RESOLVE_MILLIS;
        for (String host : portsByHost.keySet()) {
            if (System.currentTimeMillis() > deadline) {
                break;
            }
            try {
                for (InetAddress address : InetAddress.getAllByName(host)) {
                    hostsByAddress.computeIfAbsent(address, a -> new ArrayList<>()).add(host);
                }
            } catch (UnknownHostException e) {
                // a host the app cannot have reached either
            }
        }
        Map<String, Integer> open = new LinkedHashMap<>();
        try {
            Set<String> sockets = socketInodes();
            for (String connections : new String[] {"/proc/self/net/tcp", "/proc/self/net/tcp6"}) {
                for (String line : read(Paths.get(connections)).split("\n")) {
                    match(line.trim().split("\\s+"), sockets, hostsByAddress, portsByHost, open);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "cannot tell which plain-text connections were open before the agent was attached (" + e
                    + "); they stay plain until the app closes them";
        }
        if (open.isEmpty()) {
            return "no plain-text connection to a host and port the rules originate was open before the agent was "
                    + "attached";
        }
        List<String> named = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, Integer> destination : open.entrySet()) {
            named.add(destination.getKey() + " (" + destination.getValue() + ")");
            total += destination.getValue();
        }
        return total == 1 ? "1 plain-text connection was open before the agent was attached and is not covered: "
                + named.get(0) + "; the app uses it as it is until it closes it"
                : total + " plain-text connections were open before the agent was attached and are not covered: "
                + String.join(", ", named) + "; the app uses them as they are until it closes them";
    }

    private static Map<String, Set<Integer>> originatedPorts(RouteTable table) {
        Map<String, Set<Integer>> ports = new LinkedHashMap<>();
        table.entries().forEach((host, decisions) -> decisions.forEach((port, decision) -> {
            if (decision.originates() && !host.startsWith("*.") && (ports.size() < HOSTS || ports.containsKey(host))) {
                ports.computeIfAbsent(host, h -> new HashSet<>()).add(port);
            }
        }));
        return ports;
    }

    private static Set<String> socketInodes() throws IOException {
        Set<String> inodes = new HashSet<>();
        int seen = 0;
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Paths.get("/proc/self/fd"))) {
            for (Path descriptor : descriptors) {
                if (++seen > FILE_DESCRIPTORS) {
                    break;
                }
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[") && target.endsWith("]")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed while listed
                }
            }
        }
        return inodes;
    }

    /** A line: {@code sl local remote st tx:rx tr:when retrnsmt uid timeout inode ...}; addresses in hex. */
    private static void match(String[] fields, Set<String> sockets, Map<InetAddress, List<String>> hostsByAddress,
                              Map<String, Set<Integer>> portsByHost, Map<String, Integer> open)
            throws UnknownHostException {
        if (fields.length < 10 || !ESTABLISHED.equals(fields[3]) || !sockets.contains(fields[9])) {
            return;
        }
        int colon = fields[2].indexOf(':');
        if (colon < 0) {
            return;
        }
        InetAddress peer = InetAddress.getByAddress(address(fields[2].substring(0, colon)));
        int port = Integer.parseInt(fields[2].substring(colon + 1), 16);
        for (String host : hostsByAddress.getOrDefault(peer, List.of())) {
            if (portsByHost.get(host).contains(port)) {
                open.merge(host + ":" + port, 1, Integer::sum);
            }
        }
    }

    /** The kernel prints each 32-bit word of an address as a number in the host's byte order. */
    private static byte[] address(String hex) {
        boolean reversed = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = (word * 4 + (reversed ? 3 - i : i)) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return bytes;
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(TABLE_BYTES), StandardCharsets.US_ASCII);
        }
    }
}
