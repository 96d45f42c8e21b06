package org.tlsorigination.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands in-process, for what the end-to-end tests of the jar leave out. */
class AgentCommandTest {
    private static final Path SEED = Path.of("..", "config", "edition-cnn-com.yaml");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void eachCommandsHelpDescribesItAloneAndExitsZero() {
        for (String command : List.of("check", "explain", "attach", "version")) {
            out.reset();
            assertEquals(0, run(command, "--help"));
            assertTrue(out().startsWith(command + " ") || out().startsWith(command + "\n"), out());
            assertEquals(1, out().lines().filter(line -> !line.startsWith("  ")).count(), out());
        }
    }

    @Test
    void aMistakenCallSaysWhatIsExpected() {
        assertEquals(2, run());
        assertEquals(2, run("chek", "rules.yaml"));
        assertTrue(err().contains("no command is called chek"), err());
        assertEquals(2, run("explain", SEED.toString(), "edition.cnn.com"));
        assertTrue(err().contains("edition.cnn.com is not an http or https URL with a host"), err());
    }

    @Test
    void explainPassesWhatNoRuleOriginatesAndTheAppsOwnTls() {
        assertEquals(0, run("explain", SEED.toString(), "http://example.org/"));
        assertEquals(0, run("explain", SEED.toString(), "https://edition.cnn.com/"));

        assertEquals(List.of(
                "pass http://example.org/: no rule declares example.org:80; it goes out as the app sends it",
                "decided by no resource: nothing in " + SEED + " names example.org",
                "pass https://edition.cnn.com/: the app's own TLS, which the agent never wraps again",
                "decided by ServiceEntry cnn (" + SEED + ":13): declares edition.cnn.com port 443",
                "decided by DestinationRule originate-tls-for-edition-cnn-com (" + SEED + ":46): sets TLS mode "
                        + "SIMPLE for port 443"), out().lines().collect(Collectors.toList()));
    }

    @Test
    void explainOfAnInvalidFileFails() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), "originate: [{host: 'http://x.example'}]\n");

        assertEquals(1, run("explain", rules.toString(), "http://x.example/"));
        assertTrue(err().startsWith("error: " + rules + ":1: originate[0].host: 'http://x.example' is a URL"), err());
    }

    @Test
    void checkShowsEveryNonDefaultSettingOfARoute() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), String.join("\n",
                "originate:",
                "- host: '*.internal'",
                "  port: 8080",
                "  targetPort: 8443",
                "  tls: {subjectAltNames: [api.internal], minProtocolVersion: TLSv1.3, alpn: [h2, http/1.1]}", ""));

        assertEquals(0, run("check", rules.toString()));

        assertEquals(List.of(rules + ": valid, 1 resource, 1 route originating TLS, outboundTrafficPolicy ALLOW_ANY "
                        + "(the default)",
                "route host=*.internal port=8080 targetPort=8443 tls=SIMPLE sni=<request-host> trust=jvm-default "
                        + "verify=subjectAltNames:api.internal clientCertificate=none minProtocolVersion=TLSv1.3 "
                        + "alpn=h2,http/1.1",
                "route host=*.internal port=8443 tls=none"), out().lines().collect(Collectors.toList()));
    }

    private int run(String... args) {
        return AgentCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
