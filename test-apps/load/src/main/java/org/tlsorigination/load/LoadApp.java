package org.tlsorigination.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.tlsorigination.benchmark.LoadClient;

/**
 * The unchanged app of the load run, in a child JVM with the agent: for each client in turn, a fixed number of
 * threads send their share of the requests one after another, every {@code closeEvery}-th asking the server to close
 * the connection so that new ones keep being opened, and handshaken, all through the run. Before the load (after a
 * warm-up round of every client) and after it, it prints what it holds: open file descriptors, threads, and heap
 * after a full collection; at the end, the agent's own counters as its MBean reports them.
 *
 * <p>Arguments: base URL, threads, requests per client, warm-up requests per client, closeEvery, then the clients,
 * e.g. {@code HttpURLConnection "Apache HttpClient 5" Netty}.
 */
public final class LoadApp {
    private static final String AGENT_MBEAN = "tlsorigination:type=Agent";
    private static final String[] COUNTERS = {"ConnectionsOriginated", "HandshakeFailures", "ConnectionsRefused",
        "PlainTextConnections", "SessionsResumed", "ReloadsSucceeded", "ReloadsFailed"};

    private LoadApp() {
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        int threads = Integer.parseInt(args[1]);
        int requests = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int closeEvery = Integer.parseInt(args[4]);
        List<String> clients = Arrays.asList(args).subList(5, args.length);
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        for (String client : clients) {
            run(client, baseUrl, threads, warmup, closeEvery);
        }
        System.out.println("BEFORE " + holdings());
        long failures = 0;
        for (String client : clients) {
            failures += run(client, baseUrl, threads, requests, closeEvery);
        }
        System.out.println("AFTER " + holdings());
        System.out.println("COUNTERS " + counters(mbeans));
        System.exit(failures == 0 ? 0 : 1);
    }

    /** Sends {@code requests} through a new instance of {@code client}, closed afterwards; returns the failures. */
    private static long run(String client, String baseUrl, int threads, int requests, int closeEvery)
            throws Exception {
        AtomicLong failures = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        try (LoadClient http = LoadClient.named(client, baseUrl, threads)) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = requests / threads + (t < requests % threads ? 1 : 0);
                Thread worker = new Thread(() -> {
                    for (int i = 1; i <= share; i++) {
                        try {
                            http.get("/load", i % closeEvery == 0);
                            sent.incrementAndGet();
                        } catch (Exception e) {
                            if (failures.getAndIncrement() < 5) {
                                System.err.println(client + " request failed: " + e);
                            }
                        }
                    }
                }, "load-" + t);
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
        }
        System.out.printf("CLIENT %s requests=%d failures=%d seconds=%.1f%n", client, sent.get(), failures.get(),
                (System.nanoTime() - start) / 1e9);
        return failures.get();
    }

    /** Open file descriptors, live threads and heap in use after a full collection, as {@code name=value} pairs. */
    private static String holdings() throws IOException, InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long heapKb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
        long fds;
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            fds = open.count();
        }
        return "fds=" + fds + " threads=" + ManagementFactory.getThreadMXBean().getThreadCount() + " heapKb=" + heapKb;
    }

    /** The agent registers its MBean within a reload interval of the platform MBean server's making. */
    private static String counters(MBeanServer mbeans) throws JMException, InterruptedException {
        ObjectName agent = new ObjectName(AGENT_MBEAN);
        for (int i = 0; i < 100 && !mbeans.isRegistered(agent); i++) {
            Thread.sleep(50);
        }
        StringBuilder line = new StringBuilder();
        for (String counter : COUNTERS) {
            line.append(line.length() == 0 ? "" : " ").append(counter).append('=')
                    .append(mbeans.getAttribute(agent, counter));
        }
        return line.toString();
    }
}
