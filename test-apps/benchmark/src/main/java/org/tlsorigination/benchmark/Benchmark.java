package org.tlsorigination.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The benchmark's one command (see {@code run.sh}): starts the origin and the sidecars on loopback, then runs every
 * mode of every measurement in child JVMs, interleaved round by round so the machine's noise falls on all of them,
 * and writes a Markdown table and a chart. Fails only when a run fails, never on a ratio.
 *
 * <p>Arguments: the agent jar, the results folder, the class path of the benchmark's own classes, the full class
 * path, and {@code --short} for the smoke run.
 */
public final class Benchmark {
    static final List<String> CLIENTS = List.of("HttpURLConnection", "Apache HttpClient 5", "Netty");
    static final List<String> MODES = List.of("http", "https", "agent", "stunnel", "nginx proxy");
    static final List<String> SCENARIOS = List.of("1k:keep-alive", "1k:new-connection", "100k:keep-alive",
            "100k:new-connection");
    static final int THREADS = 8;
    static final int MANY_THREADS = 64;
    static final int GENERATED_CLASSES = 20_000;
    static final String LOAD_HEAP = "256m";
    /**
     * The first scenario of a JVM warms up longer: until the start-up's rewrites, and the JIT compiling them and the
     * client, are done, which take 1 to 3 seconds of a 2-core machine and are measured as start-up instead.
     */
    private static final long FIRST_WARMUP_MILLIS = 5000;
    private static final long WARMUP_MILLIS = 1000;
    private static final long SMOKE_WARMUP_MILLIS = 200;

    private final Path agentJar;
    private final String programClassPath;
    private final String fullClassPath;
    private final boolean smoke;
    private final Servers servers;
    private final Path rules;
    private final Results results = new Results();

    private Benchmark(Path agentJar, String programClassPath, String fullClassPath, boolean smoke, Servers servers)
            throws IOException {
        this.agentJar = agentJar;
        this.programClassPath = programClassPath;
        this.fullClassPath = fullClassPath;
        this.smoke = smoke;
        this.servers = servers;
        this.rules = Files.writeString(servers.directory.resolve("rules.yaml"), "originate:\n- host: " + Servers.HOST
                + "\n  port: " + servers.plainPort + "\n  targetPort: " + servers.tlsPort + "\n");
    }

    public static void main(String[] args) throws Exception {
        Path agentJar = Path.of(args[0]).toAbsolutePath();
        Path resultsFolder = Files.createDirectories(Path.of(args[1]));
        boolean smoke = args.length > 4 && args[4].equals("--short");
        Path work = Files.createTempDirectory("tls-origination-benchmark-");
        try (Servers servers = Servers.start(work)) {
            Benchmark benchmark = new Benchmark(agentJar, args[2], args[3], smoke, servers);
            benchmark.startup();
            benchmark.load();
            benchmark.routeLookup();
            Report report = new Report(benchmark.results, smoke);
            Files.writeString(resultsFolder.resolve("benchmark.md"), report.markdown());
            report.writeChart(resultsFolder.resolve("benchmark.png"));
            System.out.println(report.markdown());
        }
        deleteRecursively(work);
    }

    /** Each program alone and with the agent, in alternating order; then once more counting the classes loaded. */
    private void startup() throws Exception {
        Path manyClasses = GeneratedClasses.writeJar(servers.directory.resolve("generated.jar"), GENERATED_CLASSES);
        int rounds = smoke ? 1 : 7;
        for (int round = 0; round < rounds; round++) {
            for (String program : Results.PROGRAMS) {
                List<Boolean> order = round % 2 == 0 ? List.of(false, true) : List.of(true, false);
                for (boolean agent : order) {
                    ChildJvm child = startupProgram(program, agent, manyClasses, List.of());
                    results.startup(program, agent, child.wallMillis, Long.parseLong(child.value("PEAK_RSS_KB")));
                    results.sharing(agent, !child.errors.contains(ChildJvm.SHARING_OFF));
                }
            }
        }
        for (String program : Results.PROGRAMS) {
            for (boolean agent : List.of(false, true)) {
                Path log = servers.directory.resolve("classes-" + agent + Results.PROGRAMS.indexOf(program) + ".log");
                startupProgram(program, agent, manyClasses,
                        List.of("-Xlog:class+load:file=" + log + "::filecount=0"));
                results.classes(program, agent, Files.readAllLines(log).size());
            }
        }
    }

    private ChildJvm startupProgram(String program, boolean agent, Path manyClasses, List<String> extra)
            throws Exception {
        List<String> options = new ArrayList<>(agent ? ChildJvm.agentOptions(agentJar, rules) : List.of());
        options.addAll(extra);
        options = ChildJvm.withTrustStore(options, servers.trustStore);
        String main = StartupPrograms.class.getName();
        switch (program) {
            case Results.IDLE:
                return ChildJvm.run(servers.directory, options, programClassPath, main + "$Idle", 60);
            case Results.FETCH:
                String url = agent ? "http://" + Servers.HOST + ":" + servers.plainPort + "/150k"
                        : "https://" + Servers.HOST + ":" + servers.tlsPort + "/150k";
                return ChildJvm.run(servers.directory, options, programClassPath, main + "$FetchOnce", 60, url);
            default:
                return ChildJvm.run(servers.directory, options, programClassPath + ":" + manyClasses,
                        main + "$ManyClasses", 120, String.valueOf(GENERATED_CLASSES));
        }
    }

    static long firstWarmupMillis(boolean smoke) {
        return smoke ? SMOKE_WARMUP_MILLIS : FIRST_WARMUP_MILLIS;
    }

    static long warmupMillis(boolean smoke) {
        return smoke ? SMOKE_WARMUP_MILLIS : WARMUP_MILLIS;
    }

    /** Round by round, client by client, every mode, in an order that turns each round. */
    private void load() throws Exception {
        int rounds = smoke ? 1 : 5;
        long firstWarmup = firstWarmupMillis(smoke);
        long warmup = warmupMillis(smoke);
        long measured = smoke ? 500 : 2000;
        List<String> scenarios = smoke ? List.of("1k:keep-alive", "1k:new-connection") : SCENARIOS;
        for (int round = 0; round < rounds; round++) {
            List<String> modes = new ArrayList<>(MODES);
            Collections.rotate(modes, round);
            for (String client : CLIENTS) {
                for (String mode : modes) {
                    long logFrom = servers.tlsLogSize();
                    ChildJvm child = loadRun(client, mode, THREADS, firstWarmup, warmup, measured, scenarios);
                    for (String scenario : scenarios) {
                        String[] fields = child.value("RESULT " + scenario).split(" ");
                        if (Long.parseLong(fields[1]) > 0) {
                            throw new IOException(client + " over " + mode + ", " + scenario + ": " + fields[1]
                                    + " requests failed\n" + child.errors);
                        }
                        results.load(client, scenario, mode, Long.parseLong(fields[0]) / Double.parseDouble(fields[2]),
                                Long.parseLong(fields[3]), Long.parseLong(fields[4]));
                    }
                    if (!mode.equals("http")) {
                        Thread.sleep(300); // the origin flushes its TLS log every 200 ms
                        results.resumption(client, mode, servers.tlsConnectionsAndResumed(logFrom));
                    }
                }
            }
        }
        for (String mode : List.of("https", "agent")) {
            ChildJvm child = loadRun(CLIENTS.get(0), mode, MANY_THREADS, firstWarmup, warmup, measured,
                    List.of("1k:keep-alive"));
            results.loadMemory(mode, Long.parseLong(child.value("PEAK_RSS_KB")));
        }
    }

    private ChildJvm loadRun(String client, String mode, int threads, long firstWarmup, long warmup, long measured,
                             List<String> scenarios) throws Exception {
        List<String> options = new ArrayList<>(mode.equals("agent") ? ChildJvm.agentOptions(agentJar, rules)
                : List.of());
        options.add("-Dhttp.maxConnections=" + MANY_THREADS);
        // One heap limit for every mode: peak RSS under load then says what each adds, not how far G1 grew the heap.
        options.add("-Xmx" + LOAD_HEAP);
        options = ChildJvm.withTrustStore(options, servers.trustStore);
        List<String> args = new ArrayList<>(List.of(client, baseUrl(mode), String.valueOf(threads),
                String.valueOf(firstWarmup), String.valueOf(warmup), String.valueOf(measured)));
        args.addAll(scenarios);
        return ChildJvm.run(servers.directory, options, fullClassPath, LoadRun.class.getName(), 600,
                args.toArray(new String[0]));
    }

    private String baseUrl(String mode) {
        switch (mode) {
            case "https": return "https://" + Servers.HOST + ":" + servers.tlsPort;
            case "stunnel": return "http://" + Servers.HOST + ":" + servers.stunnelPort;
            case "nginx proxy": return "http://" + Servers.HOST + ":" + servers.proxyPort;
            default: return "http://" + Servers.HOST + ":" + servers.plainPort;
        }
    }

    /** JMH, with its allocation profiler, in JVMs of its own. */
    private void routeLookup() throws Exception {
        Path csv = servers.directory.resolve("jmh.csv");
        List<String> jmh = new ArrayList<>(List.of(RouteLookupBenchmark.class.getSimpleName(), "-prof", "gc",
                "-rf", "csv", "-rff", csv.toString(), "-f", "1"));
        jmh.addAll(smoke ? List.of("-wi", "1", "-w", "1s", "-i", "1", "-r", "1s")
                : List.of("-wi", "3", "-w", "2s", "-i", "5", "-r", "2s"));
        ChildJvm.run(servers.directory, List.of(), fullClassPath + ":" + agentJar, "org.openjdk.jmh.Main", 600,
                jmh.toArray(new String[0]));
        results.routeLookup(Files.readAllLines(csv));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
