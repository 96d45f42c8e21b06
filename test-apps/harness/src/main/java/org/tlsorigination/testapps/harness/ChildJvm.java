package org.tlsorigination.testapps.harness;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a Java main in a child JVM of the same Java installation as the caller, so running the
 * tests under another JDK exercises that JDK in the apps too.
 */
public final class ChildJvm {
    /**
     * A child lives a second or two, most of it in the JIT's C2 compiler and the parallel collector's start on two
     * cores; what the tests check does not depend on either, and C1 with the serial collector starts a child with
     * the agent about a quarter sooner. {@link #productionCompiler()} keeps the JVM's defaults.
     */
    private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** The main class, or {@code -jar} and an executable jar. */
    private final List<String> launch;
    private final List<Path> classPath = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private String javaAgent;
    private Duration timeout = Duration.ofSeconds(60);
    private boolean stderrIntoStdout;
    private boolean quickStart = true;

    private ChildJvm(List<String> launch) {
        this.launch = launch;
    }

    public static ChildJvm mainClass(String mainClass) {
        return new ChildJvm(List.of(mainClass));
    }

    /** {@code java -jar jar}: the jar's manifest names the main class and the class path. */
    public static ChildJvm executableJar(Path jar) {
        return new ChildJvm(List.of("-jar", jar.toAbsolutePath().toString()));
    }

    /** The class path entry (directory or jar) that {@code type} was loaded from. */
    public static Path classPathOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no class path entry for " + type, e);
        }
    }

    public ChildJvm classPath(Path... entries) {
        classPath.addAll(Arrays.asList(entries));
        return this;
    }

    /** The entries of a class path as a build tool writes one, separated by the platform's path separator. */
    public ChildJvm classPath(String entries) {
        for (String entry : entries.split(File.pathSeparator)) {
            classPath.add(Path.of(entry));
        }
        return this;
    }

    /** Adds {@code -javaagent:<jar>[=<agentArgs>]}; {@code agentArgs} may be null. */
    public ChildJvm javaAgent(Path jar, String agentArgs) {
        javaAgent = "-javaagent:" + jar.toAbsolutePath() + (agentArgs == null ? "" : "=" + agentArgs);
        return this;
    }

    public ChildJvm systemProperty(String name, String value) {
        systemProperties.put(name, value);
        return this;
    }

    public ChildJvm systemProperties(Map<String, String> properties) {
        systemProperties.putAll(properties);
        return this;
    }

    public ChildJvm jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** The JVM's own compiler and collector, for a child whose threads race long enough for C2 to matter. */
    public ChildJvm productionCompiler() {
        quickStart = false;
        return this;
    }

    public ChildJvm args(String... programArgs) {
        args.addAll(Arrays.asList(programArgs));
        return this;
    }

    public ChildJvm env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** The child's stderr goes to its stdout pipe, so that {@link Result#lines()} has both in the order printed. */
    public ChildJvm stderrIntoStdout() {
        stderrIntoStdout = true;
        return this;
    }

    public ChildJvm timeout(Duration limit) {
        timeout = limit;
        return this;
    }

    /** The full command line, for logs and messages. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (javaAgent != null) {
            command.add(javaAgent);
        }
        systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        if (quickStart) {
            command.addAll(QUICK_START);
        }
        command.addAll(jvmOptions);
        if (!classPath.isEmpty()) {
            command.add("-cp");
            command.add(classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        }
        command.addAll(launch);
        command.addAll(args);
        return command;
    }

    /** Runs the child to completion; past the timeout it is killed, and an {@link AssertionError} has its output. */
    public Result run() throws IOException, InterruptedException {
        return start().await();
    }

    /** Starts the child and returns at once, for tests that act while it runs. */
    public Running start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command());
        builder.environment().putAll(env);
        builder.redirectErrorStream(stderrIntoStdout);
        Process process = builder.start();
        process.getOutputStream().close();
        return new Running(command(), process, timeout);
    }

    /** A started child JVM, whose output can be read while it runs. */
    public static final class Running {
        private final List<String> command;
        private final Process process;
        private final Duration timeout;
        private final StreamCollector stdout;
        private final StreamCollector stderr;
        private final long startedNanos = System.nanoTime();
        private final List<TimedLine> lines = new ArrayList<>();

        private Running(List<String> command, Process process, Duration timeout) {
            this.command = command;
            this.process = process;
            this.timeout = timeout;
            this.stdout = StreamCollector.start(process.getInputStream(), "stdout", startedNanos, lines);
            this.stderr = StreamCollector.start(process.getErrorStream(), "stderr", startedNanos, new ArrayList<>());
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public String stdoutSoFar() {
            return stdout.soFar();
        }

        public String stderrSoFar() {
            return stderr.soFar();
        }

        /**
         * Waits for the child to end, at most the timeout counted from its start. If it outlives it, it is killed
         * and an {@link AssertionError} carries its output so far.
         */
        public Result await() throws InterruptedException {
            long left = timeout.toNanos() - (System.nanoTime() - startedNanos);
            if (!process.waitFor(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("child JVM ran longer than " + timeout + " and was killed: "
                        + String.join(" ", command)
                        + "\n--- stdout so far ---\n" + stdout.finish()
                        + "\n--- stderr so far ---\n" + stderr.finish());
            }
            String out = stdout.finish();
            String err = stderr.finish();
            synchronized (lines) {
                return new Result(command, process.exitValue(), out, err, List.copyOf(lines));
            }
        }
    }

    /** A finished child JVM: its exit code and everything it printed. */
    public static final class Result {
        private final List<String> command;
        private final int exitCode;
        private final String stdout;
        private final String stderr;
        private final List<TimedLine> lines;

        private Result(List<String> command, int exitCode, String stdout, String stderr, List<TimedLine> lines) {
            this.command = command;
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
            this.lines = lines;
        }

        /** Every line of stdout as it arrived; of stderr too, where it went to stdout ({@code stderrIntoStdout}). */
        public List<TimedLine> lines() {
            return lines;
        }

        public int exitCode() {
            return exitCode;
        }

        public String stdout() {
            return stdout;
        }

        public String stderr() {
            return stderr;
        }

        @Override
        public String toString() {
            return "child JVM exited with " + exitCode + ": " + String.join(" ", command)
                    + "\n--- stdout ---\n" + stdout
                    + "\n--- stderr ---\n" + stderr;
        }
    }

    /** Drains one of the child's pipes on its own thread so the child never blocks on a full pipe. */
    private static final class StreamCollector {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final Thread thread;
        private final long startedNanos;
        private final List<TimedLine> lines;

        private StreamCollector(InputStream in, String name, long startedNanos, List<TimedLine> lines) {
            thread = new Thread(() -> copy(in), "child-jvm-" + name);
            thread.setDaemon(true);
            this.startedNanos = startedNanos;
            this.lines = lines;
        }

        static StreamCollector start(InputStream in, String name, long startedNanos, List<TimedLine> lines) {
            StreamCollector collector = new StreamCollector(in, name, startedNanos, lines);
            collector.thread.start();
            return collector;
        }

        private void copy(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (bytes) {
                        bytes.write(buffer, 0, n);
                    }
                    collectLines(buffer, n);
                }
            } catch (IOException e) {
                // the pipe broke because the child was killed; keep what arrived
            }
        }

        private void collectLines(byte[] buffer, int length) {
            long millis = (System.nanoTime() - startedNanos) / 1_000_000;
            for (int i = 0; i < length; i++) {
                if (buffer[i] != '\n') {
                    line.write(buffer[i]);
                    continue;
                }
                synchronized (lines) {
                    lines.add(new TimedLine(millis, line.toString(StandardCharsets.UTF_8).stripTrailing()));
                }
                line.reset();
            }
        }

        /** Waits briefly for the pipe to drain, then returns what arrived. */
        String finish() throws InterruptedException {
            thread.join(5_000);
            return soFar();
        }

        String soFar() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
