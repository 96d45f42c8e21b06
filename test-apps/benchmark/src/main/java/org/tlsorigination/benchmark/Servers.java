package org.tlsorigination.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.IssuedCertificate;

/**
 * The origin and the two sidecars, on loopback, from configurations and certificates written into a directory of
 * the run: nginx serving the pages over http and https, stunnel in client mode, and nginx as a TLS-originating
 * forward proxy. Both sidecars verify the chain and the host name, as the agent does. Each process is started and
 * stopped by its own handle.
 */
final class Servers implements AutoCloseable {
    static final String HOST = "localhost";
    static final Map<String, Integer> PAGES = Map.of("1k", 1024, "100k", 100 * 1024, "150k", 150 * 1024);

    final Path directory;
    final int plainPort = freePort();
    final int tlsPort = freePort();
    final int stunnelPort = freePort();
    final int proxyPort = freePort();
    final Map<String, String> trustStore;
    final Path tlsLog;
    private final List<Process> processes = new ArrayList<>();

    private Servers(Path directory, Map<String, String> trustStore) {
        this.directory = directory;
        this.trustStore = trustStore;
        this.tlsLog = directory.resolve("tls-access.log");
    }

    static Servers start(Path directory) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        CertificateAuthority authority = CertificateAuthority.create("benchmark CA");
        authority.writeCertificatePem(directory.resolve("ca.pem"));
        IssuedCertificate server = authority.issue(HOST);
        server.writeChainPem(directory.resolve("server.pem"));
        server.writePrivateKeyPem(directory.resolve("server-key.pem"), true);
        Servers servers = new Servers(directory,
                authority.writeTrustStore(directory.resolve("truststore.p12")).systemProperties());
        Path pages = Files.createDirectories(directory.resolve("www"));
        for (Map.Entry<String, Integer> page : PAGES.entrySet()) {
            Files.write(pages.resolve(page.getKey()), "x".repeat(page.getValue()).getBytes(StandardCharsets.US_ASCII));
        }
        // Ctrl-C or a kill stops the servers too; close() after a normal end makes this a no-op.
        Runtime.getRuntime().addShutdownHook(new Thread(servers::stopAll));
        servers.startAll();
        return servers;
    }

    private void startAll() throws IOException, InterruptedException {
        Files.createDirectories(directory.resolve("origin"));
        Files.createDirectories(directory.resolve("proxy"));
        Files.writeString(directory.resolve("origin/nginx.conf"), nginx(
                "    log_format tls '$connection $ssl_session_reused';\n"
                + "    server { listen 127.0.0.1:" + plainPort + "; root " + directory.resolve("www") + "; }\n"
                + "    server {\n"
                + "        listen 127.0.0.1:" + tlsPort + " ssl;\n"
                + "        ssl_certificate " + directory.resolve("server.pem") + ";\n"
                + "        ssl_certificate_key " + directory.resolve("server-key.pem") + ";\n"
                + "        ssl_protocols TLSv1.2 TLSv1.3;\n"
                + "        ssl_session_cache shared:tls:10m;\n"
                + "        access_log " + tlsLog + " tls buffer=32k flush=200ms;\n"
                + "        root " + directory.resolve("www") + ";\n"
                + "    }\n"));
        Files.writeString(directory.resolve("proxy/nginx.conf"), nginx(
                "    upstream origin { server 127.0.0.1:" + tlsPort + "; keepalive 64; }\n"
                + "    server {\n"
                + "        listen 127.0.0.1:" + proxyPort + ";\n"
                + "        location / {\n"
                + "            proxy_pass https://origin;\n"
                + "            proxy_http_version 1.1;\n"
                + "            proxy_set_header Connection \"\";\n"
                + "            proxy_ssl_verify on;\n"
                + "            proxy_ssl_trusted_certificate " + directory.resolve("ca.pem") + ";\n"
                + "            proxy_ssl_name " + HOST + ";\n"
                + "            proxy_ssl_server_name on;\n"
                + "            proxy_ssl_protocols TLSv1.2 TLSv1.3;\n"
                + "        }\n"
                + "    }\n"));
        Files.writeString(directory.resolve("stunnel.conf"), "foreground = yes\npid =\ndebug = 3\n"
                + "socket = l:TCP_NODELAY=1\nsocket = r:TCP_NODELAY=1\n"
                + "[origin]\nclient = yes\naccept = 127.0.0.1:" + stunnelPort + "\nconnect = 127.0.0.1:" + tlsPort
                + "\nverifyChain = yes\nCAfile = " + directory.resolve("ca.pem") + "\ncheckHost = " + HOST
                + "\nsni = " + HOST + "\n");
        start(directory.resolve("origin"), "nginx", "-p", directory.resolve("origin").toString(), "-c", "nginx.conf",
                "-g", "daemon off;");
        start(directory.resolve("proxy"), "nginx", "-p", directory.resolve("proxy").toString(), "-c", "nginx.conf",
                "-g", "daemon off;");
        start(directory, stunnel(), directory.resolve("stunnel.conf").toString());
        for (int port : new int[] {plainPort, tlsPort, stunnelPort, proxyPort}) {
            awaitListening(port);
        }
    }

    /** One worker each, so the origin and each sidecar have the same share of the machine. */
    private String nginx(String servers) {
        return "worker_processes 1;\npid nginx.pid;\nerror_log error.log warn;\n"
                + "events { worker_connections 4096; }\n"
                + "http {\n"
                + "    access_log off;\n"
                + "    sendfile on;\n    tcp_nodelay on;\n"
                + "    keepalive_requests 1000000;\n    keepalive_timeout 60s;\n"
                + "    client_body_temp_path body;\n    proxy_temp_path proxy;\n    fastcgi_temp_path fastcgi;\n"
                + "    uwsgi_temp_path uwsgi;\n    scgi_temp_path scgi;\n"
                + servers
                + "}\n";
    }

    private static String stunnel() {
        return Files.isExecutable(Path.of("/usr/bin/stunnel4")) ? "/usr/bin/stunnel4" : "stunnel";
    }

    private synchronized void start(Path workingDirectory, String... command) throws IOException {
        processes.add(new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workingDirectory.resolve(Path.of(command[0]).getFileName() + ".out").toFile())
                .start());
    }

    private void awaitListening(int port) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IOException(process.info().command().orElse("a server") + " exited with "
                            + process.exitValue() + "; see " + directory);
                }
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("nothing listens on 127.0.0.1:" + port + "; see " + directory);
    }

    /** The TLS connections the origin has seen, and how many of them resumed a session: counted from its log. */
    long[] tlsConnectionsAndResumed(long fromByte) throws IOException {
        byte[] log = Files.readAllBytes(tlsLog);
        Map<String, Boolean> connections = new HashMap<>();
        String text = new String(log, (int) Math.min(fromByte, log.length), (int) Math.max(0, log.length - fromByte),
                StandardCharsets.US_ASCII);
        for (String line : text.split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length == 2) {
                connections.putIfAbsent(fields[0], fields[1].equals("r"));
            }
        }
        return new long[] {connections.size(), connections.values().stream().filter(r -> r).count()};
    }

    long tlsLogSize() throws IOException {
        return Files.exists(tlsLog) ? Files.size(tlsLog) : 0;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stopAll();
    }

    private synchronized void stopAll() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }
}
