package org.tlsorigination.testapps.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A version of a client family's library and the jars an app runs it on: what the family's module copied into
 * {@code target/versions/claimed/<version>/} for each version the agent claims, or {@code unclaimed/} for one it
 * does not. A family built into the JDK has no such directory and one version: the running JDK.
 */
public final class LibraryVersion {
    private final String name;
    private final List<Path> jars;

    private LibraryVersion(String name, List<Path> jars) {
        this.name = name;
        this.jars = jars;
    }

    /** Every claimed version of the module's library, oldest first. */
    public static List<LibraryVersion> claimed() {
        Path claimed = versionsDirectory().resolve("claimed");
        if (!Files.isDirectory(claimed)) {
            return List.of(new LibraryVersion("JDK " + Runtime.version().feature(), List.of()));
        }
        return allIn(claimed);
    }

    /** Every version the module keeps for the warning that names a version the agent does not claim, oldest first. */
    public static List<LibraryVersion> unclaimed() {
        return allIn(versionsDirectory().resolve("unclaimed"));
    }

    private static List<LibraryVersion> allIn(Path versions) {
        try (Stream<Path> directories = Files.list(versions)) {
            return directories.map(LibraryVersion::in).sorted((one, other) -> oldestFirst(one.name, other.name))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + versions + ": run the tests through Maven", e);
        }
    }

    /** A version the agent does not claim, for the warning that names it. */
    public static LibraryVersion unclaimed(String name) {
        return in(versionsDirectory().resolve("unclaimed").resolve(name));
    }

    private static LibraryVersion in(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> jars = files.filter(file -> file.toString().endsWith(".jar")).sorted()
                    .collect(Collectors.toList());
            if (jars.isEmpty()) {
                throw new IllegalStateException("no jars in " + directory);
            }
            return new LibraryVersion(directory.getFileName().toString(), jars);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": run the tests through Maven", e);
        }
    }

    /** Compares names such as {@code 12.1.3} and {@code 12.1.14} number by number. */
    static int oldestFirst(String one, String other) {
        String[] ones = one.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        String[] others = other.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        for (int i = 0; i < Math.min(ones.length, others.length); i++) {
            boolean numbers = Character.isDigit(ones[i].charAt(0)) && Character.isDigit(others[i].charAt(0));
            int order = numbers ? Long.compare(Long.parseLong(ones[i]), Long.parseLong(others[i]))
                    : ones[i].compareTo(others[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(ones.length, others.length);
    }

    private static Path versionsDirectory() {
        String directory = System.getProperty("tlsorigination.versions.dir");
        if (directory == null) {
            throw new IllegalStateException("system property tlsorigination.versions.dir is not set; run the tests "
                    + "through Maven");
        }
        return Paths.get(directory);
    }

    /** The directory name, e.g. {@code 4.1.137.Final}, or {@code JDK 17}. */
    public String name() {
        return name;
    }

    /** Whether one of its jars holds {@code className}: a type that came with a later release of the library. */
    public boolean hasClass(String className) {
        String entry = className.replace('.', '/') + ".class";
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                if (file.getEntry(entry) != null) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + jar, e);
            }
        }
        return false;
    }

    /** The library's jars and their dependencies, to put on an app's class path; none for the JDK. */
    public Path[] jars() {
        return jars.toArray(new Path[0]);
    }

    @Override
    public String toString() {
        return name;
    }
}
