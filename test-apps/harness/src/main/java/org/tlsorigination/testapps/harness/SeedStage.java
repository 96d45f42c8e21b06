package org.tlsorigination.testapps.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One end-to-end scene: a CA the app trusts (as it would trust a public CA), the stand-in for edition.cnn.com, a
 * hosts file that maps the names to loopback, and an unchanged app started in a child JVM with or without the agent.
 */
public final class SeedStage implements AutoCloseable {
    public static final String HOST = StandInServer.HOST;

    private final Path directory;
    private final CertificateAuthority trustedCa;
    private final StandInServer standIn;
    private final String mainClass;
    private final Path appClassPath;
    private final String[] extraHosts;

    private SeedStage(Path directory, CertificateAuthority trustedCa, StandInServer standIn, String mainClass,
                      Path appClassPath, String[] extraHosts) {
        this.directory = directory;
        this.trustedCa = trustedCa;
        this.standIn = standIn;
        this.mainClass = mainClass;
        this.appClassPath = appClassPath;
        this.extraHosts = extraHosts;
    }

    /** The stand-in presents a certificate for edition.cnn.com from the CA the app trusts. */
    public static SeedStage start(Path directory, Class<?> app, String... extraHosts) throws IOException {
        CertificateAuthority ca = CertificateAuthority.create("stage CA");
        return start(directory, ca, StandInServer.builder(ca.issue(HOST).sslContext()), app, extraHosts);
    }

    /** The stand-in's TLS port accepts connections but never answers the ClientHello, to time a handshake out. */
    public static SeedStage startSilent(Path directory, Class<?> app) throws IOException {
        CertificateAuthority ca = CertificateAuthority.create("stage CA");
        return start(directory, ca, StandInServer.builder(ca.issue(HOST).sslContext()).silentTls(), app);
    }

    /** The stand-in's TLS port completes the handshake and never answers the request, to time a response out. */
    public static SeedStage startNeverAnswering(Path directory, Class<?> app) throws IOException {
        CertificateAuthority ca = CertificateAuthority.create("stage CA");
        return start(directory, ca, StandInServer.builder(ca.issue(HOST).sslContext())
                .tlsBehaviour(TlsPort.Behaviour.NEVER_ANSWERS), app);
    }

    /** The stand-in is built by the caller, e.g. with a certificate the app must refuse, or a silent TLS port. */
    public static SeedStage start(Path directory, CertificateAuthority trustedCa, StandInServer.Builder standIn,
                                  Class<?> app, String... extraHosts) throws IOException {
        Files.createDirectories(directory);
        return new SeedStage(directory, trustedCa, standIn.start(), app.getName(), ChildJvm.classPathOf(app),
                extraHosts);
    }

    /** For an app the test cannot load, such as one in a fat jar whose libraries are relocated: by name, in its jar. */
    public static SeedStage start(Path directory, String mainClass, Path appJar) throws IOException {
        CertificateAuthority ca = CertificateAuthority.create("stage CA");
        Files.createDirectories(directory);
        return new SeedStage(directory, ca, StandInServer.builder(ca.issue(HOST).sslContext()).start(), mainClass,
                appJar, new String[0]);
    }

    /** For an executable jar, started as {@code java -jar}, such as a Spring Boot app's. */
    public static SeedStage startExecutableJar(Path directory, Path jar) throws IOException {
        CertificateAuthority ca = CertificateAuthority.create("stage CA");
        Files.createDirectories(directory);
        return new SeedStage(directory, ca, StandInServer.builder(ca.issue(HOST).sslContext()).start(), null, jar,
                new String[0]);
    }

    /** The seed's command for the curl-like app: {@code curl -sL -o /dev/null -D - URL}. */
    public static String[] seedCurl(String url) {
        return new String[] {"-sL", "-o", "/dev/null", "-D", "-", url};
    }

    public StandInServer standIn() {
        return standIn;
    }

    public String plainUrl(String path) {
        return "http://" + HOST + ":" + standIn.plainPort() + path;
    }

    public String tlsUrl(String path) {
        return "https://" + HOST + ":" + standIn.tlsPort() + path;
    }

    /** A rules file of {@code config/} with the seed's ports 80 and 443 moved to the stand-in's. */
    public Path rules(String configFile) throws IOException {
        return AgentUnderTest.withPorts(configFile, standIn.plainPort(), standIn.tlsPort(), directory);
    }

    public ChildJvm withoutAgent(String... args) throws IOException {
        String[] hosts = Arrays.copyOf(extraHosts, extraHosts.length + 1);
        hosts[extraHosts.length] = HOST;
        ChildJvm app = mainClass == null ? ChildJvm.executableJar(appClassPath)
                : ChildJvm.mainClass(mainClass).classPath(appClassPath);
        return app
                .systemProperty(HostsFile.SYSTEM_PROPERTY, HostsFile.write(directory.resolve("hosts"), hosts).toString())
                .systemProperties(trustedCa.writeTrustStore(directory.resolve("trust.p12")).systemProperties())
                .args(args);
    }

    public ChildJvm withAgent(Path rules, String... args) throws IOException {
        return withoutAgent(args)
                .javaAgent(AgentUnderTest.jar(), null)
                .systemProperty("tlsorigination.rules", rules.toString());
    }

    @Override
    public void close() {
        standIn.close();
    }

    /** The first request head of each connection, with the stage's ports as names: what is plain text of it. */
    List<String> portsAsNames(List<String> sent) {
        List<String> named = new ArrayList<>();
        for (String bytes : sent) {
            int end = bytes.indexOf("\r\n\r\n");
            named.add((end < 0 ? bytes : bytes.substring(0, end)).replace(":" + standIn().plainPort(), ":<plain port>")
                    .replace(":" + standIn().tlsPort(), ":<TLS port>"));
        }
        return named;
    }
}
