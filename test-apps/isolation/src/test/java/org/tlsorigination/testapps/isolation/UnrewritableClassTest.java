package org.tlsorigination.testapps.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.AgentUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.jdk.Curl;

/**
 * A copy of the agent whose advice for one hooked type cannot be applied: its {@code @OnMethodEnter} names a type that
 * does not exist, so Byte Buddy finds no advice in it. The agent starts, says once that it cannot instrument that
 * type, leaves it as it is, and rewrites the rest: the app works and its request is still originated.
 */
class UnrewritableClassTest {
    private static final String ADVICE = "org/tlsorigination/agent/instrument/jdk/tls/"
            + "AppTlsInstrumentation$EngineAdvice.class";
    private static final String ENTER = "Advice$OnMethodEnter;";
    private static final String NO_SUCH_ANNOTATION = "Advice$OnMethodEnteX;";

    @TempDir
    Path dir;

    @Test
    void aTypeWhoseAdviceCannotApplyIsLeftAloneWithOneWarningAndTheAppStillWorks() throws Exception {
        Path agent = withUnappliableAdvice(AgentUnderTest.jar(), dir.resolve("agent.jar"));
        try (SeedStage stage = SeedStage.start(dir, Curl.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"),
                    SeedStage.seedCurl(stage.plainUrl("/politics"))).javaAgent(agent, null).run();

            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.stdout().contains("200 OK"), result::toString);
            List<String> warnings = result.stderr().lines().filter(line -> line.contains("warn"))
                    .collect(Collectors.toList());
            assertEquals(1, warnings.size(), result::toString);
            assertTrue(warnings.get(0).startsWith("[tls-origination] warning: cannot instrument "
                    + "sun.security.ssl.SSLContextImpl: "), result::toString);
            assertFalse(result.stderr().contains("WARNING"), result::toString);
            assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", stage.standIn().summary());
        }
    }

    /** The agent jar with one advice class's enter annotation renamed, in place and at the same length. */
    private static Path withUnappliableAdvice(Path original, Path copy) throws IOException {
        return AgentJarCopy.withEntry(original, copy, ADVICE, bytes -> {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertTrue(text.contains(ENTER), ADVICE + " has no " + ENTER);
            return text.replace(ENTER, NO_SUCH_ANNOTATION).getBytes(StandardCharsets.ISO_8859_1);
        });
    }
}
