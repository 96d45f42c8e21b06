package org.tlsorigination.testapps.apache4;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;

/**
 * One shape of {@link Fetch} on one library version: the oldest and newest claimed of each, from
 * {@code target/versions/<version>/}, so two versions never share a class path.
 */
final class Client {
    private static final List<String> HTTPCLIENT_VERSIONS = List.of("httpclient-4.5", "httpclient-4.5.14");
    private static final List<String> HTTPASYNCCLIENT_VERSIONS = List.of("httpasyncclient-4.1", "httpasyncclient-4.1.5");
    private static final List<String> BLOCKING_SHAPES = List.of("default", "pooled", "fluent", "legacy");

    private final String shape;
    private final String version;

    Client(String shape, String version) {
        this.shape = shape;
        this.version = version;
    }

    static Stream<Client> every() {
        return Stream.concat(blocking(), asyncShape());
    }

    static Stream<Client> blocking() {
        return BLOCKING_SHAPES.stream().flatMap(shape -> on(shape, HTTPCLIENT_VERSIONS));
    }

    /** The shapes that take {@code --proxy}. */
    static Stream<Client> proxied() {
        return Stream.concat(on("default", HTTPCLIENT_VERSIONS), asyncShape());
    }

    /** The shapes that take {@code --concurrency}. */
    static Stream<Client> pooling() {
        return Stream.concat(on("pooled", HTTPCLIENT_VERSIONS), asyncShape());
    }

    private static Stream<Client> asyncShape() {
        return on("async", HTTPASYNCCLIENT_VERSIONS);
    }

    private static Stream<Client> on(String shape, List<String> versions) {
        return versions.stream().map(version -> new Client(shape, version));
    }

    boolean isAsync() {
        return shape.equals("async");
    }

    /** {@code Fetch <shape> args...} with the agent, on the app's classes and this version's jars only. */
    ChildJvm fetchWithAgent(SeedStage stage, Path rules, String... args) throws IOException {
        return stage.withAgent(rules, shapeAnd(args)).classPath(jars());
    }

    private String[] shapeAnd(String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = shape;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    private Path[] jars() {
        Path directory = Paths.get(System.getProperty("apache4.versions.dir"), version);
        try (Stream<Path> jars = Files.list(directory)) {
            return jars.sorted().toArray(Path[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("no jars for " + version + " in " + directory + ": run through Maven", e);
        }
    }

    @Override
    public String toString() {
        return shape + " on " + version;
    }

    static String[] repeat(String url, int times) {
        String[] urls = new String[times];
        Arrays.fill(urls, url);
        return urls;
    }
}
