package org.tlsorigination.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.tlsorigination.agent.config.RulesFiles.CNN_SERVICE_ENTRY;
import static org.tlsorigination.agent.config.RulesFiles.concat;
import static org.tlsorigination.agent.config.RulesFiles.loadFails;
import static org.tlsorigination.agent.config.RulesFiles.write;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal names the file, the 1-based line and the field path, and comes within bounded time and memory: a
 * corpus of hostile files with the exact error each must give, and special files made here (pipes, devices, links,
 * sparse giants, files just past a limit) that must never be read, or not far.
 */
class RulesErrorTest {
    private static final String CORPUS = "hostile-rules";
    private static final String DR_TLS = "DestinationRule cnn: spec.trafficPolicy.tls.";

    @TempDir
    static Path corpus;

    @TempDir
    Path dir;

    @BeforeAll
    static void copyCorpus() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(Path.of(RulesErrorTest.class.getResource("/" + CORPUS).toURI()))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, corpus.resolve(file.getFileName()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/" + CORPUS + ".psv", delimiter = '|', quoteCharacter = '`')
    void hostileFileIsRefusedAtItsLineAndField(String file, int line, String field, String problem) {
        Path rules = corpus.resolve(file);

        ConfigException e = loadFails(rules);

        String expected = problem.replace("{dir}", corpus.toString());
        assertEquals(rules + (line > 0 ? ":" + line : "") + ": " + (field == null ? "" : field + ": ") + expected,
                e.getMessage());
        assertEquals(line, e.line());
        assertEquals(field, e.field());
    }

    @Test
    void everyCorpusFileHasItsRow() throws IOException {
        Set<String> rows;
        try (Stream<String> lines = Files.lines(Path.of("src/test/resources/" + CORPUS + ".psv"))) {
            rows = lines.filter(l -> !l.startsWith("#")).map(l -> l.split("\\|")[0].trim()).collect(Collectors.toSet());
        }
        try (Stream<Path> files = Files.list(corpus)) {
            List<String> missing = files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") && !rows.contains(f)).collect(Collectors.toList());
            assertEquals(List.of(), missing);
        }
        assertTrue(rows.size() >= 40, "a corpus of at least 40 files");
    }

    /** Makes the file to load in a fresh directory and returns it. */
    interface SpecialFile {
        Path create(Path dir) throws Exception;
    }

    static Stream<Arguments> specialFiles() {
        String pipe = " is a device, pipe or socket, not a regular file";
        return Stream.of(
                row("a rules file that does not exist", dir -> dir.resolve("absent.yaml"),
                        "{file}: rules file does not exist"),
                row("a directory", dir -> Files.createDirectory(dir.resolve("rules.yaml")),
                        "{file}: rules file is a directory, not a file"),
                row("a named pipe, which would block the reader", dir -> fifo(dir.resolve("rules.yaml")),
                        "{file}: rules file" + pipe),
                row("/dev/zero, which never ends", dir -> Path.of("/dev/zero"), "{file}: rules file" + pipe),
                row("a symbolic link to /dev/zero",
                        dir -> Files.createSymbolicLink(dir.resolve("rules.yaml"), Path.of("/dev/zero")),
                        "{file}: rules file" + pipe),
                row("a symbolic link to nothing",
                        dir -> Files.createSymbolicLink(dir.resolve("rules.yaml"), dir.resolve("gone.yaml")),
                        "{file}: rules file is a symbolic link to a file that does not exist"),
                row("a loop of symbolic links", RulesErrorTest::linkLoop,
                        "{file}: rules file is a loop of symbolic links"),
                row("a sparse file of 3 GiB", dir -> sparse(dir.resolve("rules.yaml"), 3L << 30),
                        "{file}: rules file is larger than the 1 MiB limit for a rules file"),
                row("one byte more than 1 MiB", dir -> Files.writeString(dir.resolve("rules.yaml"),
                        "#" + " ".repeat(1 << 20)), "{file}: rules file is larger than the 1 MiB limit for a rules file"),
                row("bytes that are not UTF-8", dir -> Files.write(dir.resolve("rules.yaml"),
                        new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe}), "{file}: rules file is not UTF-8 text"),
                row("a NUL character", dir -> write(dir, "kind: Service\u0000Entry"),
                        "{file}:1: not valid YAML: special characters are not allowed (U+0000)"),
                row("10,000 levels of nesting", dir -> write(dir, "spec: " + "[".repeat(10_000)),
                        "{file}: not valid YAML: Nesting Depth exceeded max 30"),
                row("100,000 empty documents", dir -> write(dir, "---\n".repeat(100_000)),
                        "{file}:20001: holds more than 20000 YAML documents"),
                row("one document of 200,000 values", dir -> write(dir, "a: [" + "a,".repeat(200_000) + "a]"),
                        "{file}:1: holds more than 100000 values in one YAML document; split it into several resources"),
                row("a host name of 900,000 characters", dir -> write(dir, "apiVersion: networking.istio.io/v1",
                        "kind: ServiceEntry", "metadata: {name: cnn}", "spec:", "  hosts: [" + "a".repeat(900_000) + "]",
                        "  ports: [{number: 80}]"),
                        "{file}:5: holds a value of more than 65536 characters; no field takes one that long"),
                row("more hosts than the limit", dir -> write(dir, LimitFiles.hosts(RulesLimits.HOSTS + 1)),
                        "{file}:" + (RulesLimits.HOSTS + 7) + ": ServiceEntry many: spec.hosts[" + RulesLimits.HOSTS
                                + "]: the file names more than " + RulesLimits.HOSTS + " distinct hosts"),
                row("more routes than the limit", dir -> write(dir, LimitFiles.routes(2_000, 600)),
                        "{file}:5: ServiceEntry many: spec.hosts[500]: the rules compile to more than 1000000 routes "
                                + "(each port of a ServiceEntry, once for every distinct VirtualService and "
                                + "DestinationRule settings its hosts combine it with); declare fewer ports or give "
                                + "more hosts the same settings"),
                row("more TLS settings than the limit",
                        dir -> write(dir, LimitFiles.profiles(RulesLimits.TLS_PROFILES + 1)),
                        "{file}:" + (RulesLimits.TLS_PROFILES + 2) + ": originate[" + RulesLimits.TLS_PROFILES
                                + "]: the file has more than 64 distinct TLS settings; entries with equal settings "
                                + "share one, so make more of them alike"),
                row("more files than the limit", dir -> write(dir, LimitFiles.files(dir, RulesLimits.FILES + 1)),
                        "{file}:" + (RulesLimits.FILES + 2) + ": originate[" + RulesLimits.FILES
                                + "].tls.caCertificates: names more than 32 distinct certificate, key, CA and CRL files"),
                row("more bytes of files than the limit", dir -> write(dir, LimitFiles.bundles(dir, 5, 4 << 20)),
                        "{file}:6: originate[4].tls.caCertificates: file {dir}/ca4.pem brings the certificate, key, CA "
                                + "and CRL files named to more than 16 MiB together"),
                row("a CA bundle that is a named pipe",
                        dir -> naming(dir, "caCertificates", fifo(dir.resolve("ca.pem"))),
                        "{file}:23: " + DR_TLS + "caCertificates: file {dir}/ca.pem" + pipe),
                row("a CA bundle that is /dev/zero", dir -> naming(dir, "caCertificates", Path.of("/dev/zero")),
                        "{file}:23: " + DR_TLS + "caCertificates: file /dev/zero" + pipe),
                row("a CA bundle of 30 MiB",
                        dir -> naming(dir, "caCertificates", sparse(dir.resolve("ca.pem"), 30L << 20)),
                        "{file}:23: " + DR_TLS + "caCertificates: file {dir}/ca.pem is larger than the 4 MiB limit "
                                + "for a certificate file"),
                row("a CRL of 5 GiB", dir -> naming(dir, "caCrl", sparse(dir.resolve("ca.crl"), 5L << 30)),
                        "{file}:23: " + DR_TLS + "caCrl: file {dir}/ca.crl is larger than the 4 MiB limit for a CRL file"),
                row("an empty CA bundle", dir -> naming(dir, "caCertificates", Files.createFile(dir.resolve("ca.pem"))),
                        "{file}:23: " + DR_TLS + "caCertificates: file {dir}/ca.pem is empty"),
                row("a private key of 4 GiB", dir -> naming(dir, "privateKey", sparse(dir.resolve("key.pem"), 4L << 30)),
                        "{file}:24: " + DR_TLS + "privateKey: file {dir}/key.pem is larger than the 64 KiB limit for a "
                                + "private key file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specialFiles")
    void specialFileIsRefusedWithoutReadingIt(String name, SpecialFile special, String expected) throws Exception {
        Path rules = special.create(dir);

        assertEquals(expected.replace("{file}", rules.toString()).replace("{dir}", dir.toString()),
                loadFails(rules).getMessage());
    }

    private static Arguments row(String name, SpecialFile special, String expected) {
        return Arguments.of(name, special, expected);
    }

    /** A rules file whose DestinationRule names {@code file} in {@code field}, on line 23, or 24 for a private key. */
    private static Path naming(Path dir, String field, Path file) throws IOException {
        Path other = Files.writeString(dir.resolve("other.pem"), "present, never read here");
        String mode = field.equals("privateKey") ? "MUTUAL" : "SIMPLE";
        String[] tls = field.equals("privateKey")
                ? new String[] {"      clientCertificate: " + other, "      privateKey: " + file}
                : new String[] {"      " + field + ": " + file};
        return write(dir, concat(concat(CNN_SERVICE_ENTRY, "---", "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule", "metadata: {name: cnn}", "spec:", "  host: edition.cnn.com", "  trafficPolicy:",
                "    tls:", "      mode: " + mode), tls));
    }

    static Path fifo(Path file) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is needed to make a named pipe");
        return file;
    }

    static Path sparse(Path file, long length) throws IOException {
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(length);
        }
        return file;
    }

    private static Path linkLoop(Path dir) throws IOException {
        Path first = dir.resolve("rules.yaml");
        Files.createSymbolicLink(dir.resolve("other.yaml"), first);
        return Files.createSymbolicLink(first, dir.resolve("other.yaml"));
    }

    /** Files just past one of {@link RulesLimits}. */
    static final class LimitFiles {
        private LimitFiles() {
        }

        static String[] hosts(int count) {
            return Stream.concat(Stream.of("apiVersion: networking.istio.io/v1", "kind: ServiceEntry",
                            "metadata: {name: many}", "spec:", "  ports: [{number: 80}]", "  hosts:"),
                    IntStream.range(0, count).mapToObj(i -> "  - h" + i + ".example")).toArray(String[]::new);
        }

        /**
         * One ServiceEntry with {@code ports} ports, and for {@code rules} of its hosts a DestinationRule that differs
         * from the others by one port, so that no two of these hosts share a port table.
         */
        static String[] routes(int ports, int rules) {
            Stream<String> entry = Stream.of("apiVersion: networking.istio.io/v1", "kind: ServiceEntry",
                    "metadata: {name: many}", "spec:",
                    "  hosts: [" + IntStream.range(0, rules).mapToObj(i -> "h" + i + ".example")
                            .collect(Collectors.joining(", ")) + "]",
                    "  ports: [" + IntStream.rangeClosed(1, ports).mapToObj(p -> "{number: " + p + "}")
                            .collect(Collectors.joining(", ")) + "]");
            Stream<String> destinationRules = IntStream.range(0, rules).boxed().flatMap(i -> Stream.of("---",
                    "apiVersion: networking.istio.io/v1", "kind: DestinationRule", "metadata: {name: h" + i + "}",
                    "spec: {host: h" + i + ".example, trafficPolicy: {tls: {mode: SIMPLE}, portLevelSettings: "
                            + "[{port: {number: " + (i + 1) + "}, tls: {mode: DISABLE}}]}}"));
            return Stream.concat(entry, destinationRules).toArray(String[]::new);
        }

        static String[] profiles(int count) {
            return Stream.concat(Stream.of("originate:"), IntStream.range(0, count)
                    .mapToObj(i -> "- {host: h" + i + ".example, tls: {sni: sni" + i + ".example}}"))
                    .toArray(String[]::new);
        }

        /** {@code count} CA bundles of {@code size} bytes each, sparse, so never read by these tests. */
        static String[] bundles(Path dir, int count, long size) throws IOException {
            String[] lines = new String[count + 1];
            lines[0] = "originate:";
            for (int i = 0; i < count; i++) {
                Path ca = sparse(dir.resolve("ca" + i + ".pem"), size);
                lines[i + 1] = "- {host: h" + i + ".example, tls: {caCertificates: " + ca + "}}";
            }
            return lines;
        }

        static String[] files(Path dir, int count) throws IOException {
            String[] lines = new String[count + 1];
            lines[0] = "originate:";
            for (int i = 0; i < count; i++) {
                Path ca = Files.writeString(dir.resolve("ca" + i + ".pem"), "present, never read here",
                        StandardCharsets.US_ASCII);
                lines[i + 1] = "- {host: h" + i + ".example, tls: {caCertificates: " + ca + "}}";
            }
            return lines;
        }
    }
}
