package org.tlsorigination.testapps.harness;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An app's run-time class path: its own classes and the libraries its module's build listed in the file named by
 * {@code tlsorigination.app.classpath} ({@code dependency:build-classpath}), or copied into the directory it names
 * (one library version's jars), so a child JVM runs the app with exactly the libraries it ships, and none of the
 * test's.
 */
public final class AppClassPath {

    private AppClassPath() {
    }

    /** The libraries only, to add to a child JVM that already has the app's own classes. */
    public static Path[] libraries() throws IOException {
        List<Path> entries = new ArrayList<>();
        if (Files.isDirectory(listFile())) {
            try (Stream<Path> jars = Files.list(listFile())) {
                return jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toArray(Path[]::new);
            }
        }
        String listed = Files.readString(listFile(), StandardCharsets.UTF_8).trim();
        if (!listed.isEmpty()) {
            for (String entry : listed.split(File.pathSeparator)) {
                entries.add(Paths.get(entry));
            }
        }
        return entries.toArray(new Path[0]);
    }

    /** The app's classes and its libraries as one {@code -cp} style string. */
    public static String joined(Class<?> app) throws IOException {
        List<Path> entries = new ArrayList<>(List.of(libraries()));
        entries.add(0, ChildJvm.classPathOf(app));
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static Path listFile() {
        String file = System.getProperty("tlsorigination.app.classpath");
        if (file == null) {
            throw new IllegalStateException("system property tlsorigination.app.classpath is not set; run the tests "
                    + "through Maven");
        }
        return Paths.get(file);
    }
}
