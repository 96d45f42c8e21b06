package org.tlsorigination.testapps.harness;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** One cell of a family's matrix: the family's app on one claimed version of its library, in one client shape. */
public final class ClientUnderTest {
    private final LibraryVersion version;
    private final String shape;

    /** {@code shape} is the app's first argument, or null for an app written in one shape. */
    public ClientUnderTest(LibraryVersion version, String shape) {
        this.version = version;
        this.shape = shape;
    }

    public LibraryVersion version() {
        return version;
    }

    /** The app's first argument that picks the shape, e.g. {@code pooled}; empty for an app of one shape. */
    public String shape() {
        return shape == null ? "" : shape;
    }

    /** The stage's app with the agent and the seed's rules, on this version, given this shape and {@code args}. */
    public ChildJvm originate(SeedStage stage, String... args) throws IOException {
        return withAgent(stage, stage.rules("edition-cnn-com.yaml"), args);
    }

    public ChildJvm withAgent(SeedStage stage, Path rules, String... args) throws IOException {
        return stage.withAgent(rules, shapeAnd(args)).classPath(version.jars());
    }

    public ChildJvm withoutAgent(SeedStage stage, String... args) throws IOException {
        return stage.withoutAgent(shapeAnd(args)).classPath(version.jars());
    }

    /** {@code app}'s classes and this version's jars as one {@code -cp} style string, for a launcher of its own. */
    public String classPath(Class<?> app) {
        List<Path> entries = new ArrayList<>(List.of(version.jars()));
        entries.add(0, ChildJvm.classPathOf(app));
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private String[] shapeAnd(String[] args) {
        if (shape == null) {
            return args;
        }
        List<String> all = new ArrayList<>(List.of(shape));
        all.addAll(Arrays.asList(args));
        return all.toArray(new String[0]);
    }

    @Override
    public String toString() {
        return shape == null ? version.name() : shape + " on " + version.name();
    }
}
