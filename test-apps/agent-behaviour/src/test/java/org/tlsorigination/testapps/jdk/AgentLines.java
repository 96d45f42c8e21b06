package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.stream.Collectors;
import org.tlsorigination.testapps.harness.ChildJvm;

/** What the agent printed in a child JVM: its own lines, and proof that no throwable escaped. */
final class AgentLines {
    private static final String PREFIX = "[tls-origination] ";

    private AgentLines() {
    }

    static List<String> of(ChildJvm.Result result) {
        return result.stderr().lines().filter(line -> line.startsWith(PREFIX))
                .map(line -> line.substring(PREFIX.length())).collect(Collectors.toList());
    }

    /** The JVM stopped before main with status 78, after this one line of the agent's and nothing else of it. */
    static void assertRefusedWithOneLine(ChildJvm.Result result, String line) {
        assertEquals(78, result.exitCode(), result::toString);
        assertEquals(List.of(line), of(result), result::toString);
        assertEquals("", result.stdout(), result::toString);
        assertNoStackTrace(result);
    }

    static void assertNoStackTrace(ChildJvm.Result result) {
        assertFalse(result.stderr().contains("\tat ") || result.stderr().contains("Exception in thread")
                || result.stderr().contains("FATAL ERROR"), result::toString);
    }
}
