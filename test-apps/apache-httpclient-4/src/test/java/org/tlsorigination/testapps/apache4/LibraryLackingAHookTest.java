package org.tlsorigination.testapps.apache4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.LibraryVersion;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * The family gate: a copy of Apache HttpClient 4.5.14 without one class the family hooks (the deprecated
 * {@code PlainSocketFactory}, which {@code HttpClients.createDefault()} never uses) gets none of the family's rewrites,
 * one warning naming what it lacks, and its plain-text request to an originated host is refused by the guard instead
 * of being half rewritten.
 */
class LibraryLackingAHookTest {
    private static final String STRIPPED = "org/apache/http/conn/scheme/PlainSocketFactory.class";

    @TempDir
    Path dir;

    @Test
    void aCopyWithoutOneHookGetsNoRewriteAndTheGuardRefusesItsPlainText() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, Fetch.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), "default",
                            stage.plainUrl("/politics"))
                    .classPath(strippedLibrary(newestHttpClient()))
                    .systemProperty("tlsorigination.log", "debug")
                    .run();

            assertEquals(1, result.exitCode(), result::toString);
            assertEquals(1, result.stderr().lines().filter(line -> line.contains("warning: Apache HttpClient 4.5.14 in "))
                    .count(), result::toString);
            assertTrue(result.stderr().contains(" cannot be instrumented: it lacks PlainSocketFactory.connectSocket("
                    + "Socket, InetSocketAddress, InetSocketAddress, HttpParams); its plain-text requests are not "
                    + "originated"), result::toString);
            assertFalse(result.stderr().contains("instrumented org.apache.http"), result::toString);
            assertTrue(result.stderr().contains("failed: plain-text connection to edition.cnn.com:"
                    + stage.standIn().plainPort() + " refused: a rule originates TLS for it"), result::toString);
            StandInServer standIn = stage.standIn();
            assertEquals(0, standIn.plainConnections(), standIn::summary);
            assertEquals(0, standIn.tlsConnections(), standIn::summary);
        }
    }

    private static LibraryVersion newestHttpClient() {
        List<LibraryVersion> httpClients = LibraryVersion.claimed().stream()
                .filter(version -> version.name().startsWith("httpclient-")).collect(Collectors.toList());
        return httpClients.get(httpClients.size() - 1);
    }

    /** The version's jars, with its httpclient jar rewritten without {@link #STRIPPED}. */
    private Path[] strippedLibrary(LibraryVersion version) throws IOException {
        List<Path> classPath = new ArrayList<>();
        for (Path jar : version.jars()) {
            classPath.add(jar.getFileName().toString().startsWith("httpclient-") ? without(jar, STRIPPED) : jar);
        }
        return classPath.toArray(new Path[0]);
    }

    private Path without(Path jar, String entryName) throws IOException {
        Path stripped = dir.resolve(jar.getFileName());
        try (JarFile in = new JarFile(jar.toFile()); OutputStream file = Files.newOutputStream(stripped);
             JarOutputStream out = new JarOutputStream(file)) {
            for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().equals(entryName)) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream content = in.getInputStream(entry)) {
                        content.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return stripped;
    }
}
