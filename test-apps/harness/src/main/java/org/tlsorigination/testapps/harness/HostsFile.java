package org.tlsorigination.testapps.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hosts file for {@code -Djdk.net.hosts.file=...}: the child JVM then resolves the given names,
 * and only those, to 127.0.0.1, so an unchanged app calling edition.cnn.com reaches the stand-in.
 */
public final class HostsFile {

    /** The system property that points a JVM at a hosts file. */
    public static final String SYSTEM_PROPERTY = "jdk.net.hosts.file";

    private HostsFile() {
    }

    /** Writes {@code file} mapping localhost and {@code names} to 127.0.0.1; returns the file. */
    public static Path write(Path file, String... names) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("127.0.0.1 localhost");
        Arrays.stream(names).map(name -> "127.0.0.1 " + name).forEach(lines::add);
        return Files.write(file, lines, StandardCharsets.US_ASCII);
    }
}
