package org.tlsorigination.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small rules files for tests, and checks where a ConfigException says the problem is. */
final class RulesFiles {
    /** A ServiceEntry for edition.cnn.com on ports 80 and 443, lines 1-13. */
    static final String[] CNN_SERVICE_ENTRY = {
        "apiVersion: networking.istio.io/v1alpha3",
        "kind: ServiceEntry",
        "metadata:",
        "  name: cnn",
        "spec:",
        "  hosts:",
        "  - edition.cnn.com",
        "  ports:",
        "  - number: 80",
        "    name: http-port",
        "    protocol: HTTP",
        "  - number: 443",
        "    name: http-port-for-tls-origination",
    };

    private RulesFiles() {
    }

    static Path write(Path directory, String... lines) throws IOException {
        Path file = directory.resolve("rules.yaml");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    static ConfigException loadFails(Path file) {
        return assertThrows(ConfigException.class, () -> RulesLoader.load(file));
    }

    /** Asserts the message is {@code file:line: field: problem} (line 0 and a null field are left out) with a problem containing {@code problemPart}. */
    static void assertAt(ConfigException e, Path file, int line, String field, String problemPart) {
        assertEquals(file.toString(), e.source(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.problem().contains(problemPart), e.getMessage());
        String where = file + (line > 0 ? ":" + line : "") + ": " + (field == null ? "" : field + ": ");
        assertTrue(e.getMessage().startsWith(where), e.getMessage());
    }
}
