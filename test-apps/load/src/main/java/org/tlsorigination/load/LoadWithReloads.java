package org.tlsorigination.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ConfigMapVolume;
import org.tlsorigination.testapps.harness.HostsFile;
import org.tlsorigination.testapps.harness.RulesText;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * The load run: {@link LoadApp} in a child JVM with the agent sends its requests over HttpURLConnection, Apache
 * HttpClient 5 and Netty to a mutual-TLS stand-in for edition.cnn.com on loopback, while {@link LiveChanges} rewrites
 * the rules and rotates the client certificate. {@link LoadChecks} then holds what the server saw and what the app
 * and the agent report to the promise: nothing failed, nothing went out by another route.
 *
 * <p>Arguments: the agent jar, the app's class path, a working directory, and {@code --full} for 100,000 requests
 * (else the short form's 3,000).
 */
public final class LoadWithReloads {
    static final int THREADS = 64;
    static final int FULL_REQUESTS = 100_000;
    static final int SHORT_REQUESTS = 3_000;
    /** HttpURLConnection last, so its keep-alive cache is as full when the holdings are counted before as after. */
    static final String[] CLIENTS = {"Apache HttpClient 5", "Netty", "HttpURLConnection"};
    private static final int WARMUP_REQUESTS_PER_CLIENT = THREADS;
    /** New connections all through the run, for each rotated certificate to be presented. */
    private static final int CLOSE_EVERY = 20;
    private static final int PAGE_BYTES = 1024;
    private static final String UNUSED_HOST = "unused.example";

    private LoadWithReloads() {
    }

    public static void main(String[] args) throws Exception {
        boolean full = args.length > 3 && "--full".equals(args[3]);
        LoadChecks checks = run(Path.of(args[0]), args[1], Files.createDirectories(Path.of(args[2])),
                full ? FULL_REQUESTS : SHORT_REQUESTS);
        System.out.println(checks.figures());
        if (!checks.violations().isEmpty()) {
            System.out.println("FAILED:\n  " + String.join("\n  ", checks.violations()));
            System.exit(1);
        }
        System.out.println("passed");
    }

    /** Runs the load once with {@code requests} split across the clients, and checks it. */
    public static LoadChecks run(Path agentJar, String classPath, Path dir, int requests) throws Exception {
        CertificateAuthority serverCa = CertificateAuthority.create("load server CA");
        CertificateAuthority clientCa = CertificateAuthority.create("load client CA");
        int perClient = (requests + CLIENTS.length - 1) / CLIENTS.length;
        try (StandInServer standIn = StandInServer.builder(serverCa.issue(SeedStage.HOST)
                .sslContextTrustingClientsOf(clientCa)).requireClientCertificate().pageLength(PAGE_BYTES).start()) {
            ConfigMapVolume secret = new ConfigMapVolume(dir.resolve("secret"));
            Path ca = serverCa.writeCertificatePem(dir.resolve("ca.pem"));
            List<String> versions = new ArrayList<>();
            for (int unusedPort : new int[] {8080, 8081}) {
                versions.add(RulesText.shortForm(standIn.plainPort(), standIn.tlsPort(),
                        "caCertificates: " + ca, "clientCertificate: " + secret.file("tls.crt"),
                        "privateKey: " + secret.file("tls.key"))
                        + "- host: " + UNUSED_HOST + "\n  port: " + unusedPort + "\n  targetPort: 8443\n");
            }
            Path rules = dir.resolve("rules.yaml");
            try (LiveChanges changes = new LiveChanges(rules, versions, secret, clientCa)) {
                ChildJvm app = ChildJvm.mainClass(LoadApp.class.getName())
                        .classPath(classPath)
                        .javaAgent(agentJar, null)
                        .systemProperty("tlsorigination.rules", rules.toString())
                        .systemProperty("tlsorigination.reloadInterval", "50")
                        .systemProperty(HostsFile.SYSTEM_PROPERTY,
                                HostsFile.write(dir.resolve("hosts"), SeedStage.HOST).toString())
                        .systemProperty("http.maxConnections", String.valueOf(THREADS))
                        .jvmOption("-Xmx512m")
                        .productionCompiler()
                        .args("http://" + SeedStage.HOST + ":" + standIn.plainPort(), String.valueOf(THREADS),
                                String.valueOf(perClient), String.valueOf(WARMUP_REQUESTS_PER_CLIENT),
                                String.valueOf(CLOSE_EVERY))
                        .args(CLIENTS)
                        .timeout(Duration.ofSeconds(120 + requests / 100));
                ChildJvm.Running running = app.start();
                awaitRulesLoaded(running);
                changes.start();
                ChildJvm.Result result = running.await();
                changes.close();
                return new LoadChecks(result, standIn, changes,
                        CLIENTS.length * (perClient + WARMUP_REQUESTS_PER_CLIENT));
            }
        }
    }

    /**
     * The changes start once the agent has read its rules: a rotation while it reads them at start-up can pair one
     * version's certificate with the next one's key, which stops the JVM before main as any bad configuration does.
     */
    private static void awaitRulesLoaded(ChildJvm.Running app) throws InterruptedException {
        for (int i = 0; i < 600 && app.isAlive() && !app.stderrSoFar().contains(" rules loaded from "); i++) {
            Thread.sleep(50);
        }
    }
}
