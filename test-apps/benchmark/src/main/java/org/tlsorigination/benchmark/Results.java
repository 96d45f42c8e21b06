package org.tlsorigination.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything the runs measured, kept per round so the report can take medians. */
final class Results {
    static final String IDLE = "prints one line, never connects";
    static final String FETCH = "one HttpURLConnection fetch of 150 KB";
    static final String MANY_CLASSES = "loads 20,000 classes";
    static final List<String> PROGRAMS = List.of(IDLE, FETCH, MANY_CLASSES);
    private static final String BENCHMARK = RouteLookupBenchmark.class.getSimpleName() + ".";

    private final Map<String, List<long[]>> startup = new LinkedHashMap<>();
    private final Map<String, Integer> classes = new LinkedHashMap<>();
    private final Map<Boolean, Boolean> sharingKept = new LinkedHashMap<>();
    private final Map<String, List<double[]>> load = new LinkedHashMap<>();
    private final Map<String, long[]> resumption = new LinkedHashMap<>();
    private final Map<String, Long> loadMemory = new LinkedHashMap<>();
    private final Map<String, double[]> routeLookup = new LinkedHashMap<>();

    void startup(String program, boolean agent, long wallMillis, long peakRssKb) {
        startup.computeIfAbsent(program + agent, k -> new ArrayList<>()).add(new long[] {wallMillis, peakRssKb});
    }

    /** Median wall time in ms and median peak RSS in KB. */
    long[] startup(String program, boolean agent) {
        List<long[]> runs = startup.get(program + agent);
        return new long[] {median(runs, 0), median(runs, 1)};
    }

    void classes(String program, boolean agent, int count) {
        classes.put(program + agent, count);
    }

    int classes(String program, boolean agent) {
        return classes.get(program + agent);
    }

    void sharing(boolean agent, boolean kept) {
        sharingKept.merge(agent, kept, Boolean::logicalAnd);
    }

    boolean sharingKept(boolean agent) {
        return sharingKept.getOrDefault(agent, false);
    }

    void load(String client, String scenario, String mode, double requestsPerSecond, long p50Micros, long p99Micros) {
        load.computeIfAbsent(client + "|" + scenario + "|" + mode, k -> new ArrayList<>())
                .add(new double[] {requestsPerSecond, p50Micros, p99Micros});
    }

    /** Medians over the rounds: requests per second, p50 and p99 in microseconds; null when not run. */
    double[] load(String client, String scenario, String mode) {
        List<double[]> rounds = load.get(client + "|" + scenario + "|" + mode);
        if (rounds == null) {
            return null;
        }
        double[] medians = new double[3];
        for (int i = 0; i < 3; i++) {
            int column = i;
            medians[i] = median(rounds.stream().mapToDouble(r -> r[column]).toArray());
        }
        return medians;
    }

    /** The lowest of the rounds' ratios of {@code mode}'s throughput to native https's. */
    double worstThroughputRatio(String client, String scenario, String mode) {
        List<double[]> rounds = load.get(client + "|" + scenario + "|" + mode);
        List<double[]> https = load.get(client + "|" + scenario + "|https");
        double worst = Double.MAX_VALUE;
        for (int i = 0; i < Math.min(rounds.size(), https.size()); i++) {
            worst = Math.min(worst, rounds.get(i)[0] / https.get(i)[0]);
        }
        return worst;
    }

    void resumption(String client, String mode, long[] connectionsAndResumed) {
        long[] sum = resumption.computeIfAbsent(client + "|" + mode, k -> new long[2]);
        sum[0] += connectionsAndResumed[0];
        sum[1] += connectionsAndResumed[1];
    }

    /** TLS connections the origin saw from this client and mode, and how many resumed a session. */
    long[] resumption(String client, String mode) {
        return resumption.getOrDefault(client + "|" + mode, new long[2]);
    }

    void loadMemory(String mode, long peakRssKb) {
        loadMemory.put(mode, peakRssKb);
    }

    long loadMemory(String mode) {
        return loadMemory.get(mode);
    }

    /** From JMH's CSV: the score of each benchmark and of its allocation per operation. */
    void routeLookup(List<String> csv) {
        for (String line : csv.subList(1, csv.size())) {
            String[] fields = line.replace("\"", "").split(",");
            String name = fields[0].substring(fields[0].indexOf(BENCHMARK) + BENCHMARK.length());
            boolean allocation = name.endsWith("gc.alloc.rate.norm");
            if (allocation || !name.contains(":")) {
                String lookup = allocation ? name.substring(0, name.indexOf(':')) : name;
                double[] scores = routeLookup.computeIfAbsent(lookup, k -> new double[2]);
                scores[allocation ? 1 : 0] = Double.parseDouble(fields[4]);
            }
        }
    }

    /** Per lookup: nanoseconds, and bytes allocated. */
    Map<String, double[]> routeLookup() {
        return routeLookup;
    }

    private static long median(List<long[]> runs, int column) {
        return (long) median(runs.stream().mapToDouble(r -> r[column]).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
