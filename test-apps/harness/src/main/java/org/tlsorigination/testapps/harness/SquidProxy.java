package org.tlsorigination.testapps.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real forward proxy for the end-to-end tests: Debian's squid, started in the foreground on 127.0.0.1 with a
 * configuration of its own (the test's hosts file, no cache, an access log, a short shutdown), and stopped by pid. It
 * listens on one port per {@link Door}, and clients reach each through a {@link RecordingRelay}, so a test sees every
 * byte the proxy was sent as well as what squid logged, door by door.
 */
public final class SquidProxy implements AutoCloseable {
    private static final String SQUID = "/usr/sbin/squid";
    private static final Duration START_LIMIT = Duration.ofSeconds(20);
    public static final String USER = "alice";
    public static final String PASSWORD = "s3cret-proxy-password";

    /** How squid treats the clients of one of its ports. */
    public enum Door {
        /** Anyone may pass. */
        OPEN,
        /** Basic authentication as {@link #USER} with {@link #PASSWORD}, from an htpasswd minted at start. */
        LOGIN,
        /** Every tunnel is answered 403, as a corporate proxy refuses a destination. */
        REFUSING_TUNNELS
    }

    private final Path directory;
    private final Process squid;
    private final Map<Door, RecordingRelay> relays;
    private final Map<Door, Integer> squidPorts;

    private SquidProxy(Path directory, Process squid, Map<Door, RecordingRelay> relays, Map<Door, Integer> squidPorts) {
        this.directory = directory;
        this.squid = squid;
        this.relays = relays;
        this.squidPorts = squidPorts;
    }

    /** Squid, resolving names with {@code hostsFile}, with every door open. */
    public static SquidProxy start(Path hostsFile) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(SQUID))) {
            throw new IllegalStateException(SQUID + " is missing: the proxy tests need Debian's squid "
                    + "(apt-get install squid), which .ci/run installs");
        }
        // Run as root, squid works as the proxy user: its directory must be open to it, outside JUnit's.
        Path directory = Files.createTempDirectory("tls-origination-squid-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.copy(hostsFile, directory.resolve("hosts"));
        Files.writeString(directory.resolve("htpasswd"), Htpasswd.line(USER, PASSWORD, "tlsorigi") + "\n",
                StandardCharsets.UTF_8);
        Map<Door, Integer> ports = new EnumMap<>(Door.class);
        for (Door door : Door.values()) {
            ports.put(door, freePort());
        }
        Path config = directory.resolve("squid.conf");
        Files.write(config, configuration(directory, ports), StandardCharsets.UTF_8);
        Process squid = new ProcessBuilder(SQUID, "-N", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("squid.out").toFile())
                .start();
        awaitListening(squid, directory);
        Map<Door, RecordingRelay> relays = new EnumMap<>(Door.class);
        for (Door door : Door.values()) {
            relays.put(door, RecordingRelay.start(new InetSocketAddress("127.0.0.1", ports.get(door))));
        }
        return new SquidProxy(directory, squid, relays, ports);
    }

    private static List<String> configuration(Path directory, Map<Door, Integer> ports) {
        List<String> lines = new ArrayList<>();
        for (Door door : Door.values()) {
            lines.add("http_port 127.0.0.1:" + ports.get(door) + " name=" + door.name().toLowerCase());
        }
        lines.addAll(List.of(
                "pid_filename " + directory.resolve("squid.pid"),
                "cache_log " + directory.resolve("cache.log"),
                "logformat tlsorigination %>lp %rm %ru %>Hs",
                "access_log stdio:" + directory.resolve("access.log") + " tlsorigination",
                "cache deny all",
                "cache_mem 1 MB",
                "hosts_file " + directory.resolve("hosts"),
                "dns_nameservers 127.0.0.1",
                "pinger_enable off",
                "netdb_filename none",
                "shutdown_lifetime 0 seconds",
                "coredump_dir " + directory,
                "auth_param basic program /usr/lib/squid/basic_ncsa_auth " + directory.resolve("htpasswd"),
                "auth_param basic realm tls-origination test proxy",
                "acl login_door myportname login",
                "acl refusing_door myportname refusing_tunnels",
                "acl tunnel method CONNECT",
                "acl logged_in proxy_auth REQUIRED",
                "http_access deny login_door !logged_in",
                "http_access deny refusing_door tunnel",
                "http_access allow all"));
        return lines;
    }

    /** Waits for squid's own word that it listens: a probe connection would stand in its access log. */
    private static void awaitListening(Process squid, Path directory) throws IOException, InterruptedException {
        Path cacheLog = directory.resolve("cache.log");
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!squid.isAlive()) {
                throw new IOException("squid exited with " + squid.exitValue() + ": " + log(directory));
            }
            if (Files.exists(cacheLog) && Files.readString(cacheLog, StandardCharsets.ISO_8859_1)
                    .split("Accepting HTTP Socket connections", -1).length > Door.values().length) {
                return;
            }
            Thread.sleep(50);
        }
        squid.destroyForcibly();
        throw new IOException("squid did not listen within " + START_LIMIT + ": " + log(directory));
    }

    /** The port clients of {@code door} use: its recording relay's, in front of squid. */
    public int port(Door door) {
        return relays.get(door).port();
    }

    /** What clients sent to {@code door}, connection by connection, as Latin-1 text (TLS records show as noise). */
    public List<String> bytesReceived(Door door) {
        return relays.get(door).received();
    }

    /**
     * Squid's access log for {@code door}, one {@code METHOD URL STATUS} line per transaction, waiting up to two
     * seconds for at least {@code expected} lines: squid logs a tunnel when it closes.
     */
    public List<String> accessLog(Door door, int expected) throws IOException, InterruptedException {
        return accessLogOnce(door, lines -> lines.size() >= expected);
    }

    /**
     * The door's access-log lines once {@code complete} holds for them, or as they are after five seconds: squid
     * writes a line when a connection ends, and a client that answers a 407 logs two, the second a moment later.
     */
    public List<String> accessLogOnce(Door door, Predicate<List<String>> complete)
            throws IOException, InterruptedException {
        Path log = directory.resolve("access.log");
        String prefix = squidPorts.get(door) + " ";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            List<String> all = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            lines = all.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                    .collect(Collectors.toList());
            if (complete.test(lines)) {
                break;
            }
            Thread.sleep(50);
        }
        return lines;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (RecordingRelay relay : relays.values()) {
            relay.close();
        }
        squid.destroy();
        if (!squid.waitFor(10, TimeUnit.SECONDS)) {
            squid.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted((a, b) -> b.compareTo(a)).collect(Collectors.toList())) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static String log(Path directory) throws IOException {
        Path cacheLog = directory.resolve("cache.log");
        Path out = directory.resolve("squid.out");
        return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(cacheLog) ? Files.readString(cacheLog)
                : "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
