package org.tlsorigination.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.agent.config.Settings;

/**
 * The reload thread survives whatever the rules file turns into, an {@link OutOfMemoryError} included, and a valid
 * version after any of them is applied by the second look at most.
 */
class RulesWatcherTest {
    private static final long INTERVAL_MILLIS = 50;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream stderr;
    private Thread thread;

    @BeforeEach
    void captureLog() {
        stderr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
        System.setErr(stderr);
    }

    @Test
    void garbageAPipeAHugeFileADirectoryAndAnOutOfMemoryErrorEachPassAndTheNextValidFileApplies() throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, declaring("first.example"));
        Settings settings = Settings.fromEnvironment("rules=" + rules);
        AtomicInteger loads = new AtomicInteger();
        AtomicBoolean outOfMemory = new AtomicBoolean();
        List<Integer> installedAtLoad = new CopyOnWriteArrayList<>();
        List<RulesRouter> installed = new CopyOnWriteArrayList<>();
        RulesWatcher watcher = new RulesWatcher(() -> {
            loads.incrementAndGet();
            if (outOfMemory.getAndSet(false)) {
                throw new OutOfMemoryError("Java heap space");
            }
            return RulesRouter.load(settings);
        }, router -> {
            installed.add(router);
            installedAtLoad.add(loads.get());
        }, INTERVAL_MILLIS, rules, RulesRouter.load(settings));
        thread = new Thread(watcher, "reload-under-test");
        thread.start();

        replace(rules, () -> Files.writeString(rules, "kind: [unclosed"));
        await("the YAML error", () -> log().contains("not valid YAML"));
        replace(rules, () -> fifo(rules));
        await("the pipe refused", () -> log().contains("rules file is a device, pipe or socket"));
        replace(rules, () -> sparse(rules, 5L << 30));
        await("the huge file refused", () -> log().contains("rules file is larger than the 1 MiB limit"));
        replace(rules, () -> Files.createDirectory(rules));
        await("the directory refused", () -> log().contains("rules file is a directory"));
        outOfMemory.set(true);
        replace(rules, () -> Files.writeString(rules, declaring("second.example")));
        int loadsBeforeValid = loads.get();
        await("the valid file applied", () -> !installed.isEmpty());

        assertTrue(log().contains("cannot reload the rules: out of memory (Java heap space); keeping the last good "
                + "rules until the file changes"), log());
        assertTrue(installedAtLoad.get(0) <= loadsBeforeValid + 2, "applied at load " + installedAtLoad.get(0)
                + ", the valid file came after load " + loadsBeforeValid);
        assertEquals("PASS", installed.get(0).rules().table().route("second.example", 80).toString());
        assertTrue(thread.isAlive());
    }

    @Test
    void anInterruptedThreadSaysItStopped() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), declaring("first.example"));
        Settings settings = Settings.fromEnvironment("rules=" + rules);
        thread = new Thread(new RulesWatcher(() -> RulesRouter.load(settings), router -> { }, INTERVAL_MILLIS, rules,
                RulesRouter.load(settings)));
        thread.start();

        thread.interrupt();
        thread.join(5_000);

        assertTrue(log().contains("the reload thread was interrupted and has stopped: changes to " + rules
                + " and the files it names are no longer applied"), log());
    }

    /** Files are replaced by deleting them first, as a pipe or a directory cannot be written over. */
    private static void replace(Path rules, Action write) throws Exception {
        if (Files.isDirectory(rules)) {
            Files.delete(rules);
        } else {
            Files.deleteIfExists(rules);
        }
        write.run();
    }

    private interface Action {
        void run() throws Exception;
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 20 s for " + what + "; log:\n" + log());
            }
            Thread.sleep(10);
        }
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private static String declaring(String host) {
        return "allow:\n- {host: " + host + ", port: 80}\n";
    }

    private static void fifo(Path file) throws Exception {
        assertEquals(0, new ProcessBuilder("mkfifo", file.toString()).inheritIO().start().waitFor());
    }

    private static void sparse(Path file, long length) throws Exception {
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(length);
        }
    }
}
