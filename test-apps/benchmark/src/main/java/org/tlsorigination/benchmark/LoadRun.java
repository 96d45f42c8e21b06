package org.tlsorigination.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The app of a load run, in a child JVM with or without the agent: a fixed number of threads, each sending one
 * request after another, for a warm-up and then a measured time per scenario. Prints one {@code RESULT} line per
 * scenario and the process's peak resident memory.
 *
 * <p>Arguments: client, base URL, threads, the first scenario's warm-up ms, each other's warm-up ms, measured ms,
 * then scenarios as {@code body:connection}, e.g.
 * {@code 1k:keep-alive 100k:new-connection}.
 */
public final class LoadRun {

    private LoadRun() {
    }

    public static void main(String[] args) throws Exception {
        String client = args[0];
        String baseUrl = args[1];
        int threads = Integer.parseInt(args[2]);
        long firstWarmupMillis = Long.parseLong(args[3]);
        long warmupMillis = Long.parseLong(args[4]);
        long measuredMillis = Long.parseLong(args[5]);
        try (LoadClient http = LoadClient.named(client, baseUrl, threads)) {
            long warmup = firstWarmupMillis;
            for (String scenario : Arrays.asList(args).subList(6, args.length)) {
                String path = "/" + scenario.substring(0, scenario.indexOf(':'));
                boolean close = scenario.endsWith(":new-connection");
                run(http, path, close, threads, warmup);
                warmup = warmupMillis;
                Result result = run(http, path, close, threads, measuredMillis);
                System.out.println("RESULT " + scenario + " " + result);
            }
        }
        System.out.println("PEAK_RSS_KB " + PeakMemory.residentKilobytes());
    }

    private static Result run(LoadClient http, String path, boolean close, int threads, long millis)
            throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        AtomicLong errors = new AtomicLong();
        List<Latencies> latencies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Latencies mine = new Latencies();
            latencies.add(mine);
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long began = System.nanoTime();
                    try {
                        http.get(path, close);
                        mine.add(System.nanoTime() - began);
                    } catch (Exception e) {
                        if (errors.getAndIncrement() == 0) {
                            System.err.println("request failed: " + e);
                        }
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(Latencies.merge(latencies), errors.get(), seconds);
    }

    /** One thread's request times, in nanoseconds. */
    private static final class Latencies {
        private long[] nanos = new long[1 << 14];
        private int count;

        void add(long value) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = value;
        }

        static long[] merge(List<Latencies> all) {
            int total = 0;
            for (Latencies one : all) {
                total += one.count;
            }
            long[] merged = new long[total];
            int at = 0;
            for (Latencies one : all) {
                System.arraycopy(one.nanos, 0, merged, at, one.count);
                at += one.count;
            }
            Arrays.sort(merged);
            return merged;
        }
    }

    private static final class Result {
        private final long[] sortedNanos;
        private final long errors;
        private final double seconds;

        Result(long[] sortedNanos, long errors, double seconds) {
            this.sortedNanos = sortedNanos;
            this.errors = errors;
            this.seconds = seconds;
        }

        private long percentileMicros(double p) {
            if (sortedNanos.length == 0) {
                return 0;
            }
            return sortedNanos[Math.min(sortedNanos.length - 1, (int) (p * sortedNanos.length))] / 1000;
        }

        /** requests, errors, seconds, p50 and p99 in microseconds. */
        @Override
        public String toString() {
            return sortedNanos.length + " " + errors + " " + seconds + " " + percentileMicros(0.50) + " "
                    + percentileMicros(0.99);
        }
    }
}
