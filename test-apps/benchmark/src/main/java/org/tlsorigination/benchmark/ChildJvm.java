package org.tlsorigination.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One child JVM of the benchmark, with or without the agent, and what it printed. */
final class ChildJvm {
    /** What the JVM prints when a jar is appended to the boot class path: class-data sharing is off for the app. */
    static final String SHARING_OFF = "Sharing is only supported for boot loader classes";

    final long wallMillis;
    final List<String> output;
    final String errors;

    private ChildJvm(long wallMillis, List<String> output, String errors) {
        this.wallMillis = wallMillis;
        this.output = output;
        this.errors = errors;
    }

    /** Runs {@code mainClass} and waits for it; a JVM that fails or runs past {@code timeoutSeconds} is an error. */
    static ChildJvm run(Path directory, List<String> jvmOptions, String classPath, String mainClass,
                        long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        Path out = Files.createTempFile(directory, "child-", ".out");
        Path err = Files.createTempFile(directory, "child-", ".err");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
        }
        long wallMillis = (System.nanoTime() - start) / 1_000_000;
        ChildJvm child = new ChildJvm(wallMillis, Files.readAllLines(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        if (process.exitValue() != 0) {
            throw new IOException("exit " + process.exitValue() + ": " + String.join(" ", command) + "\n"
                    + child.errors);
        }
        return child;
    }

    /** The value after {@code key} on the first line that starts with it. */
    String value(String key) {
        for (String line : output) {
            if (line.startsWith(key + " ")) {
                return line.substring(key.length() + 1);
            }
        }
        throw new IllegalStateException("the child printed no " + key + ": " + output + "\n" + errors);
    }

    /** The JVM options of a child that runs with the agent and the benchmark's rules. */
    static List<String> agentOptions(Path agentJar, Path rules) {
        return List.of("-javaagent:" + agentJar, "-Dtlsorigination.rules=" + rules);
    }

    static List<String> withTrustStore(List<String> options, Map<String, String> trustStore) {
        List<String> all = new ArrayList<>(options);
        trustStore.forEach((key, value) -> all.add("-D" + key + "=" + value));
        return all;
    }
}
