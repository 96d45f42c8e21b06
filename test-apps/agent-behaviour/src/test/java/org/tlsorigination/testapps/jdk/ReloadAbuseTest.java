package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.RulesText;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * While an app polls, its rules file is replaced by garbage, a named pipe, a sparse file of gigabytes and a
 * directory in turn: each is refused in one line and the last good rules stay, then a valid version applies, and the
 * app's threads and open files are what they were.
 */
class ReloadAbuseTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String KEEPING = "; keeping the last good rules until the file changes";

    @TempDir
    Path dir;

    @Test
    void everyKindOfBrokenFileIsSurvivedAndTheNextValidOneApplies() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("server CA");
        try (SeedStage stage = SeedStage.start(dir, ca, StandInServer.builder(ca.issue(SeedStage.HOST).sslContext()),
                Poll.class)) {
            StandInServer standIn = stage.standIn();
            Path rules = dir.resolve("rules.yaml");
            Files.writeString(rules, RulesText.passing(standIn.plainPort()));
            ChildJvm.Running poller = stage.withAgent(rules, stage.plainUrl("/politics"), "100", "600",
                            dir.resolve("stop").toString())
                    .systemProperty("tlsorigination.reloadInterval", "200")
                    .systemProperty("http.keepAlive", "false")
                    .timeout(Duration.ofSeconds(120))
                    .start();
            try {
                await(poller, "plain requests", () -> standIn.plainConnections() > 2);
                ProcessHandle child = child(rules);
                List<String> threadsBefore = threads(child);
                long filesBefore = openFiles(child);

                replace(rules, () -> Files.writeString(rules, "kind: [unclosed"));
                await(poller, "the YAML error", () -> poller.stderrSoFar().contains("not valid YAML"));
                replace(rules, () -> new ProcessBuilder("mkfifo", rules.toString()).start().waitFor());
                await(poller, "the pipe refused", () -> poller.stderrSoFar().contains(rules + ": rules file is a "
                        + "device, pipe or socket, not a regular file" + KEEPING));
                replace(rules, () -> sparse(rules, 8L << 30));
                await(poller, "the huge file refused", () -> poller.stderrSoFar().contains(rules + ": rules file is "
                        + "larger than the 1 MiB limit for a rules file" + KEEPING));
                replace(rules, () -> Files.createDirectory(rules));
                await(poller, "the directory refused", () -> poller.stderrSoFar().contains(rules + ": rules file is "
                        + "a directory, not a file" + KEEPING));
                replace(rules, () -> Files.writeString(rules, RulesText.originating(standIn.plainPort(),
                        standIn.tlsPort(), "mode: SIMPLE")));
                await(poller, "a request over TLS", () -> standIn.requests().stream()
                        .anyMatch(StandInRequest::tls));

                assertTrue(poller.stderrSoFar().contains("reloaded 1 TLS origination rules from " + rules),
                        poller::stderrSoFar);
                assertEquals(threadsBefore, threads(child));
                assertEquals(filesBefore, openFiles(child), "open files other than sockets");
            } finally {
                Files.writeString(dir.resolve("stop"), "");
                poller.await();
            }
        }
    }

    /** The rules file is removed first, since neither a pipe nor a directory can be written over. */
    private static void replace(Path file, Action write) throws Exception {
        if (Files.isDirectory(file)) {
            Files.delete(file);
        }
        Files.deleteIfExists(file);
        write.run();
    }

    private interface Action {
        Object run() throws Exception;
    }

    private static ProcessHandle child(Path rules) {
        return ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(a -> a.contains(rules.toString())))
                .findFirst().orElseThrow(() -> new AssertionError("no child JVM reads " + rules));
    }

    /** The names of the child's threads, but the JIT's, which come and go as it compiles. */
    private static List<String> threads(ProcessHandle child) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(child.pid()), "task"))) {
            return tasks.map(task -> {
                try {
                    return Files.readString(task.resolve("comm")).trim();
                } catch (IOException e) {
                    return "gone";
                }
            }).filter(name -> !name.contains("CompilerThre") && !name.equals("gone")).sorted()
                    .collect(Collectors.toList());
        }
    }

    /** Descriptors that are not sockets, of which the poller opens and closes one per request. */
    private static long openFiles(ProcessHandle child) throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", String.valueOf(child.pid()), "fd"))) {
            return descriptors.filter(fd -> {
                try {
                    return !Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    private static Object sparse(Path file, long length) throws IOException {
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(length);
        }
        return file;
    }

    private static void await(ChildJvm.Running poller, String what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline || !poller.isAlive()) {
                throw new AssertionError("waited " + PATIENCE.getSeconds() + " s for " + what
                        + "\n--- poller stdout ---\n" + poller.stdoutSoFar()
                        + "\n--- poller stderr ---\n" + poller.stderrSoFar());
            }
            Thread.sleep(50);
        }
    }
}
