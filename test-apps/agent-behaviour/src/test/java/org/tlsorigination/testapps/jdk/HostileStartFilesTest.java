package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.tlsorigination.testapps.jdk.AgentLines.assertNoStackTrace;
import static org.tlsorigination.testapps.jdk.AgentLines.assertRefusedWithOneLine;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.RulesText;
import org.tlsorigination.testapps.harness.SeedStage;

/**
 * Files that would abort or hang the JVM before {@code main} if the agent read them (a device, a named pipe, a
 * sparse private key of gigabytes) stop it with one line under {@code onConfigError=fail}, and leave the app
 * running without the agent under {@code disable}.
 */
class HostileStartFilesTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private SeedStage stage;

    @BeforeEach
    void start() throws Exception {
        stage = SeedStage.start(dir, Curl.class);
    }

    @AfterEach
    void stop() {
        stage.close();
    }

    @Test
    void aDeviceAsTheRulesFileStopsTheJvmWithOneLine() throws Exception {
        ChildJvm.Result result = stage.withAgent(Path.of("/dev/zero"), stage.plainUrl("/politics")).timeout(PATIENCE)
                .run();

        assertRefusedWithOneLine(result, "error: /dev/zero: rules file is a device, pipe or socket, not a regular "
                + "file; stopping the JVM before the application starts (onConfigError=fail)");
    }

    @Test
    void aNamedPipeAsTheRulesFileLeavesTheAppRunningWithDisable() throws Exception {
        Path pipe = dir.resolve("rules.yaml");
        assumeTrue(new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor() == 0, "mkfifo");

        ChildJvm.Result result = stage.withAgent(pipe, SeedStage.seedCurl(stage.plainUrl("/politics")))
                .systemProperty("tlsorigination.onConfigError", "disable").timeout(PATIENCE).run();

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of("error: " + pipe + ": rules file is a device, pipe or socket, not a regular file",
                "warning: TLS origination is disabled (onConfigError=disable): matching connections go out as the app "
                        + "sends them"), AgentLines.of(result), result::toString);
        assertNoStackTrace(result);
        assertEquals("plain GET /politics, then TLS (SNI edition.cnn.com) GET /politics", stage.standIn().summary());
    }

    @Test
    void aPrivateKeyOfGigabytesStopsTheJvmWithOneLine() throws Exception {
        Path key = dir.resolve("client-key.pem");
        try (RandomAccessFile sparse = new RandomAccessFile(key.toFile(), "rw")) {
            sparse.setLength(4L << 30);
        }
        Path certificate = Files.writeString(dir.resolve("client.pem"), "never read: the key is refused first");
        Path rules = Files.writeString(dir.resolve("rules.yaml"), RulesText.originating(stage.standIn().plainPort(),
                stage.standIn().tlsPort(), "mode: MUTUAL", "clientCertificate: " + certificate, "privateKey: " + key));

        ChildJvm.Result result = stage.withAgent(rules, stage.plainUrl("/politics")).timeout(PATIENCE).run();

        assertRefusedWithOneLine(result, "error: " + rules + ":18: DestinationRule cnn: spec.trafficPolicy.tls."
                + "privateKey: file " + key + " is larger than the 64 KiB limit for a private key file; stopping the "
                + "JVM before the application starts (onConfigError=fail)");
    }
}
