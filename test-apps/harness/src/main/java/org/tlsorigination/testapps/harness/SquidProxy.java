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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real forward proxy for the end-to-end tests: Debian's squid, started in the foreground on 127.0.0.1 with a
 * configuration of its own (the test's hosts file, no cache, an access log of method, URL and status, and a short
 * shutdown), and stopped by pid. Clients are pointed at a {@link RecordingRelay} in front of it, so a test sees every
 * byte the proxy was sent as well as what squid logged.
 */
public final class SquidProxy implements AutoCloseable {
    private static final String SQUID = "/usr/sbin/squid";
    private static final Duration START_LIMIT = Duration.ofSeconds(20);

    private final Path directory;
    private final Process squid;
    private final RecordingRelay relay;

    private SquidProxy(Path directory, Process squid, RecordingRelay relay) {
        this.directory = directory;
        this.squid = squid;
        this.relay = relay;
    }

    /** A proxy that lets any client through. */
    public static SquidProxy start(Path hostsFile) throws IOException, InterruptedException {
        return start(hostsFile, List.of());
    }

    /**
     * A proxy whose clients must prove {@code user}'s {@code password} with Basic authentication, from an htpasswd
     * file minted here.
     */
    public static SquidProxy requiringLogin(Path hostsFile, String user, String password)
            throws IOException, InterruptedException {
        return start(hostsFile, List.of(
                "auth_param basic program /usr/lib/squid/basic_ncsa_auth %DIR%/htpasswd",
                "auth_param basic realm tls-origination test proxy",
                "acl logged_in proxy_auth REQUIRED",
                "http_access deny !logged_in"), Htpasswd.line(user, password, "tlsorigi"));
    }

    /** A proxy that answers 403 to every tunnel to {@code port}, as a corporate proxy refuses a destination. */
    public static SquidProxy refusingTunnelsTo(Path hostsFile, int port) throws IOException, InterruptedException {
        return start(hostsFile, List.of("acl tunnel method CONNECT", "acl refused_port port " + port,
                "http_access deny tunnel refused_port"));
    }

    private static SquidProxy start(Path hostsFile, List<String> access) throws IOException, InterruptedException {
        return start(hostsFile, access, null);
    }

    private static SquidProxy start(Path hostsFile, List<String> access, String htpasswd)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(SQUID))) {
            throw new IllegalStateException(SQUID + " is missing: the proxy tests need Debian's squid "
                    + "(apt-get install squid), which .ci/run installs");
        }
        // Run as root, squid works as the proxy user: its directory must be open to it, outside JUnit's.
        Path directory = Files.createTempDirectory("tls-origination-squid-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.copy(hostsFile, directory.resolve("hosts"));
        if (htpasswd != null) {
            Files.writeString(directory.resolve("htpasswd"), htpasswd + "\n", StandardCharsets.UTF_8);
        }
        int port = freePort();
        Path config = directory.resolve("squid.conf");
        Files.write(config, configuration(directory, port, access), StandardCharsets.UTF_8);
        Process squid = new ProcessBuilder(SQUID, "-N", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("squid.out").toFile())
                .start();
        awaitListening(squid, port, directory);
        return new SquidProxy(directory, squid, RecordingRelay.start(new InetSocketAddress("127.0.0.1", port)));
    }

    private static List<String> configuration(Path directory, int port, List<String> access) {
        List<String> lines = new ArrayList<>(List.of(
                "http_port 127.0.0.1:" + port,
                "pid_filename " + directory.resolve("squid.pid"),
                "cache_log " + directory.resolve("cache.log"),
                "logformat tlsorigination %rm %ru %>Hs",
                "access_log stdio:" + directory.resolve("access.log") + " tlsorigination",
                "cache deny all",
                "cache_mem 1 MB",
                "hosts_file " + directory.resolve("hosts"),
                "dns_nameservers 127.0.0.1",
                "pinger_enable off",
                "netdb_filename none",
                "shutdown_lifetime 0 seconds",
                "coredump_dir " + directory));
        for (String line : access) {
            lines.add(line.replace("%DIR%", directory.toString()));
        }
        lines.add("http_access allow all");
        return lines;
    }

    /** Waits for squid's own word that it listens: a probe connection would stand in its access log. */
    private static void awaitListening(Process squid, int port, Path directory)
            throws IOException, InterruptedException {
        Path cacheLog = directory.resolve("cache.log");
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!squid.isAlive()) {
                throw new IOException("squid exited with " + squid.exitValue() + ": " + log(directory));
            }
            if (Files.exists(cacheLog) && Files.readString(cacheLog, StandardCharsets.ISO_8859_1)
                    .contains("Accepting HTTP Socket connections")) {
                return;
            }
            Thread.sleep(50);
        }
        squid.destroyForcibly();
        throw new IOException("squid did not listen on " + port + " within " + START_LIMIT + ": " + log(directory));
    }

    /** The port clients use: the recording relay's, in front of squid. */
    public int port() {
        return relay.port();
    }

    /** What clients sent the proxy, connection by connection, as Latin-1 text (TLS records show as noise). */
    public List<String> bytesReceived() {
        return relay.received();
    }

    /**
     * Squid's access log, one {@code METHOD URL STATUS} line per transaction, waiting up to two seconds for at least
     * {@code expected} lines: squid logs a tunnel when it closes.
     */
    public List<String> accessLog(int expected) throws IOException, InterruptedException {
        Path log = directory.resolve("access.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            if (lines.size() >= expected) {
                break;
            }
            Thread.sleep(50);
        }
        return lines;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        relay.close();
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
