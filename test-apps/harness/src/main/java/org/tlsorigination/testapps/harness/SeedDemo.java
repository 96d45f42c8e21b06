package org.tlsorigination.testapps.harness;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * The seed scenario on one machine: the unchanged curl-like app fetches
 * http://edition.cnn.com:18080/politics from the local stand-in, once without the agent (301, then
 * 200 over TLS) and once with it (200 over TLS only, the plain port untouched).
 *
 * <p>Options, all {@code --name=value}, relative paths resolved against {@code --repo-dir}
 * (default: the current directory): {@code --agent-jar}, {@code --rules}, {@code --app-classpath}.
 */
public final class SeedDemo {

    private static final String APP_MAIN_CLASS = "org.tlsorigination.testapps.jdk.Curl";
    private static final int PLAIN_PORT = 18080;
    private static final int TLS_PORT = 18443;
    private static final String[] CURL_ARGS =
            SeedStage.seedCurl("http://" + StandInServer.HOST + ":" + PLAIN_PORT + "/politics");
    private static final Set<String> OPTIONS = Set.of("repo-dir", "agent-jar", "rules", "app-classpath");

    private final Path repoDir;
    private final Path agentJar;
    private final Path rules;
    private final Path[] appClassPath;

    private SeedDemo(Path repoDir, Path agentJar, Path rules, Path[] appClassPath) {
        this.repoDir = repoDir;
        this.agentJar = agentJar;
        this.rules = rules;
        this.appClassPath = appClassPath;
    }

    public static void main(String[] args) throws Exception {
        if (!fromArgs(args).run()) {
            System.exit(1);
        }
    }

    private static SeedDemo fromArgs(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : "";
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown argument " + arg + "; expected --name=value with name in "
                        + OPTIONS);
            }
            given.put(name, arg.substring(equals + 1));
        }
        Path repoDir = Path.of(given.getOrDefault("repo-dir", ".")).toAbsolutePath().normalize();
        return new SeedDemo(repoDir,
                repoDir.resolve(given.getOrDefault("agent-jar", "agent/target/tls-origination-agent.jar")).normalize(),
                repoDir.resolve(given.getOrDefault("rules", "config/demo-edition-cnn-com.yaml")).normalize(),
                Arrays.stream(given.getOrDefault("app-classpath", "test-apps/httpurlconnection/target/classes")
                                .split(File.pathSeparator))
                        .map(entry -> repoDir.resolve(entry).normalize())
                        .toArray(Path[]::new));
    }

    private boolean run() throws IOException, InterruptedException {
        for (Path entry : appClassPath) {
            if (!Files.exists(entry)) {
                System.out.println("app class path entry not found: " + entry
                        + "\nbuild it first: mvn -q -B -DskipTests install");
                return false;
            }
        }
        Path workDir = Files.createTempDirectory("seed-demo-");
        try {
            CertificateAuthority ca = CertificateAuthority.create("Seed demo CA");
            SSLContext serverContext = ca.issue(StandInServer.HOST).sslContext();
            ChildJvm curl = ChildJvm.mainClass(APP_MAIN_CLASS)
                    .classPath(appClassPath)
                    .systemProperty(HostsFile.SYSTEM_PROPERTY,
                            HostsFile.write(workDir.resolve("hosts"), StandInServer.HOST).toString())
                    // The stand-in's CA plays the public CA that really signs edition.cnn.com.
                    .systemProperties(ca.writeTrustStore(workDir.resolve("trust.p12")).systemProperties())
                    .args(CURL_ARGS);
            boolean withoutAgent = runWithoutAgent(curl, serverContext);
            boolean withAgent = runWithAgent(curl, serverContext);
            return withoutAgent && withAgent;
        } finally {
            deleteRecursively(workDir);
        }
    }

    private boolean runWithoutAgent(ChildJvm curl, SSLContext serverContext) throws IOException, InterruptedException {
        printHeader("(without the agent)");
        try (StandInServer standIn = startStandIn(serverContext)) {
            return report(curl.run(), standIn);
        }
    }

    private boolean runWithAgent(ChildJvm curl, SSLContext serverContext) throws IOException, InterruptedException {
        printHeader("(with -javaagent:" + shown(agentJar) + ")");
        for (Path required : new Path[] {agentJar, rules}) {
            if (!Files.isRegularFile(required)) {
                System.out.println("not found: " + required + "\nbuild the agent first: mvn -q -B -DskipTests install");
                return false;
            }
        }
        curl.javaAgent(agentJar, null).systemProperty("tlsorigination.rules", rules.toString());
        try (StandInServer standIn = startStandIn(serverContext)) {
            boolean ok = report(curl.run(), standIn);
            if (ok && (standIn.plainConnections() > 0 || standIn.tlsHandshakes() == 0)) {
                System.out.println("expected: the request leaves over TLS only and the plain port stays untouched");
                return false;
            }
            return ok;
        }
    }

    private static StandInServer startStandIn(SSLContext serverContext) throws IOException {
        return StandInServer.builder(serverContext).plainPort(PLAIN_PORT).tlsPort(TLS_PORT).start();
    }

    private static boolean report(ChildJvm.Result result, StandInServer standIn) {
        System.out.print(result.stdout());
        if (!result.stderr().isEmpty()) {
            System.out.println("[stderr]");
            System.out.print(result.stderr());
        }
        System.out.println("stand-in saw: " + standIn.summary());
        if (result.exitCode() != 0) {
            System.out.println("curl exited with " + result.exitCode());
            return false;
        }
        return true;
    }

    private static void printHeader(String run) {
        System.out.println();
        System.out.println("$ curl " + String.join(" ", CURL_ARGS) + "   " + run);
    }

    private String shown(Path path) {
        return path.startsWith(repoDir) ? repoDir.relativize(path).toString() : path.toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
