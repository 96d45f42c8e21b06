package org.tlsorigination.testapps.operability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.AgentUnderTest;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.IssuedCertificate;

/** {@code java -jar tls-origination-agent.jar ...}: the packaged jar is a command, as its manifest says. */
class CommandLineTest {

    @TempDir
    Path dir;

    @Test
    void helpDescribesEveryCommand() throws Exception {
        ChildJvm.Result result = AgentCommandLine.run("--help");

        assertEquals(0, result.exitCode(), result::toString);
        for (String syntax : List.of("check RULES", "explain RULES URL", "attach PID [SETTINGS]", "version")) {
            assertTrue(result.stdout().contains("\n  " + syntax + "\n"), syntax + " in " + result);
        }
    }

    @Test
    void aCommandsHelpDescribesItAloneAndAMistakeExitsTwo() throws Exception {
        ChildJvm.Result help = AgentCommandLine.run("explain", "--help");
        ChildJvm.Result mistaken = AgentCommandLine.run("chek", "rules.yaml");

        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.stdout().startsWith("explain RULES URL\n"), help::toString);
        assertEquals(1, help.stdout().lines().filter(line -> !line.startsWith("  ")).count(), help::toString);
        assertEquals(2, mistaken.exitCode(), mistaken::toString);
        assertTrue(mistaken.stderr().contains("no command is called chek"), mistaken::toString);
    }

    @Test
    void explainPassesWhatNoRuleDeclares() throws Exception {
        Path seed = AgentUnderTest.config("edition-cnn-com.yaml");

        ChildJvm.Result result = AgentCommandLine.run("explain", seed.toString(), "http://example.org/");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of(
                "pass http://example.org/: no rule declares example.org:80; it goes out as the app sends it",
                "decided by no resource: nothing in " + seed + " names example.org"),
                result.stdout().lines().collect(Collectors.toList()));
    }

    @Test
    void versionNamesTheAgentAndWhatIsRelocatedInside() throws Exception {
        ChildJvm.Result result = AgentCommandLine.run("version");

        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.stdout().lines().collect(Collectors.toList());
        assertEquals("tls-origination-agent 0.1.0-SNAPSHOT", lines.get(0), result::toString);
        assertEquals("Byte Buddy 1.18.14 (relocated)", lines.get(1), result::toString);
        assertEquals("SnakeYAML 2.5 (relocated)", lines.get(2), result::toString);
    }

    @Test
    void checkPrintsTheSeedsCompiledTable() throws Exception {
        Path seed = AgentUnderTest.config("edition-cnn-com.yaml");

        ChildJvm.Result result = AgentCommandLine.run("check", seed.toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of(
                seed + ": valid, 3 resources, 2 routes originating TLS, outboundTrafficPolicy ALLOW_ANY (the default)",
                "route host=edition.cnn.com port=80 targetPort=443 tls=SIMPLE sni=edition.cnn.com trust=jvm-default "
                        + "verify=hostname clientCertificate=none",
                "route host=edition.cnn.com port=443 targetPort=443 tls=SIMPLE sni=edition.cnn.com trust=jvm-default "
                        + "verify=hostname clientCertificate=none",
                "note: " + seed + ":41: DestinationRule originate-tls-for-edition-cnn-com: "
                        + "spec.trafficPolicy.loadBalancer: not applicable in-process, ignored"),
                result.stdout().lines().collect(Collectors.toList()));
    }

    @Test
    void checkRefusesAnInvalidFileWithTheAgentsOwnMessage() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), String.join("\n",
                "originate:",
                "- host: edition.cnn.com",
                "  tls: {minProtocolVersion: TLSv1.1}", ""));

        ChildJvm.Result result = AgentCommandLine.run("check", rules.toString());

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.stdout(), result::toString);
        assertEquals("error: " + rules + ":3: originate[0].tls.minProtocolVersion: 'TLSv1.1' is not offered "
                + "(supported: TLSv1.2, TLSv1.3)", result.stderr().strip(), result::toString);
    }

    @Test
    void checkNamesAMutualRoutesFilesAndNeverItsKey() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("check CA");
        IssuedCertificate client = ca.issueClient("checked client", "EC");
        Path caFile = ca.writeCertificatePem(dir.resolve("ca.pem"));
        Path certificate = client.writeChainPem(dir.resolve("client.pem"));
        Path key = client.writePrivateKeyPem(dir.resolve("client-key.pem"), true);
        Path rules = Files.writeString(dir.resolve("rules.yaml"), String.join("\n",
                "originate:",
                "- host: api.internal",
                "  port: 8080",
                "  targetPort: 8443",
                "  tls: {caCertificates: " + caFile + ", clientCertificate: " + certificate + ", privateKey: " + key
                        + "}", ""));

        ChildJvm.Result result = AgentCommandLine.run("check", rules.toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("route host=api.internal port=8080 targetPort=8443 tls=MUTUAL "
                + "sni=api.internal trust=" + caFile + " verify=hostname clientCertificate=" + certificate + "\n"),
                result::toString);
        String keyBody = Files.readString(key).lines().filter(line -> !line.startsWith("-----"))
                .collect(Collectors.joining());
        for (int at = 0; at + 16 <= keyBody.length(); at += 16) {
            String piece = keyBody.substring(at, at + 16);
            assertFalse(result.stdout().contains(piece) || result.stderr().contains(piece), "a piece of the key");
        }
        assertFalse((result.stdout() + result.stderr()).contains("PRIVATE KEY"), result::toString);
    }

    @Test
    void explainNamesEachResourceThatOriginatesTheSeedsRequest() throws Exception {
        Path seed = AgentUnderTest.config("edition-cnn-com.yaml");

        ChildJvm.Result result = AgentCommandLine.run("explain", seed.toString(), "http://edition.cnn.com/politics");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of(
                "originate http://edition.cnn.com/politics: host=edition.cnn.com port=80 targetPort=443 tls=SIMPLE "
                        + "sni=edition.cnn.com trust=jvm-default verify=hostname clientCertificate=none",
                "decided by ServiceEntry cnn (" + seed + ":10): declares edition.cnn.com port 80",
                "decided by VirtualService rewrite-port-for-edition-cnn-com (" + seed + ":27): sends port 80 to "
                        + "port 443",
                "decided by DestinationRule originate-tls-for-edition-cnn-com (" + seed + ":46): sets TLS mode "
                        + "SIMPLE for port 443"),
                result.stdout().lines().collect(Collectors.toList()));
    }

    @Test
    void explainRefusesWhatRegistryOnlyLeavesOut() throws Exception {
        Path rules = AgentUnderTest.config("registry-only.yaml");

        ChildJvm.Result result = AgentCommandLine.run("explain", rules.toString(), "http://example.org:8080/");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of(
                "refuse http://example.org:8080/: connection to example.org:8080 refused by outboundTrafficPolicy "
                        + "REGISTRY_ONLY: no rule in " + rules + " declares it (outboundTrafficPolicy REGISTRY_ONLY "
                        + "from the rules file)",
                "decided by outboundTrafficPolicy REGISTRY_ONLY (" + rules + ":4): decides every host and port no "
                        + "entry declares"),
                result.stdout().lines().collect(Collectors.toList()));
    }
}
