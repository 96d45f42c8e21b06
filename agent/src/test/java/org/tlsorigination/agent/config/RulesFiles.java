package org.tlsorigination.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.function.ThrowingSupplier;

/** Writes small rules files for tests, and checks where a ConfigException says the problem is. */
final class RulesFiles {
    /** Whatever a file holds, loading it ends within this, on a busy machine... */
    static final Duration TIME_BOUND = Duration.ofSeconds(5);
    /** ...and allocates less than this, for a file of at most 1 MiB. */
    static final long ALLOCATION_BOUND = 256L << 20;

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
        return withinBounds(() -> assertThrows(ConfigException.class, () -> RulesLoader.load(file)));
    }

    /** Runs {@code action} on a thread of its own, failing if it outlives {@link #TIME_BOUND} or allocates too much. */
    static <T> T withinBounds(ThrowingSupplier<T> action) {
        return assertTimeoutPreemptively(TIME_BOUND, () -> {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long thread = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(thread);
            T result = action.get();
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertTrue(allocated < ALLOCATION_BOUND, "allocated " + (allocated >> 20) + " MiB");
            return result;
        });
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
