package org.tlsorigination.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tlsorigination.agent.config.RulesFiles.CNN_SERVICE_ENTRY;
import static org.tlsorigination.agent.config.RulesFiles.assertAt;
import static org.tlsorigination.agent.config.RulesFiles.concat;
import static org.tlsorigination.agent.config.RulesFiles.loadFails;
import static org.tlsorigination.agent.config.RulesFiles.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.agent.route.Decision;
import org.tlsorigination.agent.route.RouteTable;
import org.tlsorigination.agent.route.TlsProfile;

class ShortFormRulesTest {

    @TempDir
    Path dir;

    @Test
    void defaultsPlayTheSeed() throws Exception {
        LoadedRules rules = RulesLoader.load(write(dir,
                "originate:",
                "- host: edition.cnn.com"));

        Decision decision = rules.table().route("edition.cnn.com", 80);
        assertEquals(443, decision.port());
        assertEquals(TlsProfile.verifyingDefaults(), decision.tls());
        assertEquals(List.of("http/1.1"), decision.tls().alpn());
        assertNull(rules.outboundTrafficPolicy());
        assertEquals(1, rules.resourceCount());
    }

    @Test
    void everyTlsSettingAndThePolicy() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "read by the TLS layer, not here");
        Files.writeString(dir.resolve("client.pem"), "read by the TLS layer");
        Files.writeString(dir.resolve("client.key"), "read by the TLS layer");
        RouteTable table = loadTable(
                "outboundTrafficPolicy: {mode: REGISTRY_ONLY}",
                "originate:",
                "- host: '*.cnn.com'",
                "  port: 8080",
                "  targetPort: 8443",
                "  tls:",
                "    sni: origin.cnn.internal",
                "    caCertificates: ca.pem",
                "    subjectAltNames: [origin.cnn.internal]",
                "    clientCertificate: client.pem",
                "    privateKey: client.key",
                "    minProtocolVersion: TLSv1.3",
                "    cipherSuites: [TLS_AES_128_GCM_SHA256]",
                "    alpn: [h2, http/1.1]",
                "allow:",
                "- {host: api.internal, port: 9000}");

        TlsProfile tls = table.route("www.cnn.com", 8080).tls();
        assertEquals(8443, table.route("www.cnn.com", 8080).port());
        assertEquals("origin.cnn.internal", tls.sni());
        assertEquals(dir.resolve("ca.pem").toAbsolutePath(), tls.caCertificates());
        assertTrue(tls.mutual());
        assertEquals(TlsProfile.TLS_1_3, tls.minProtocolVersion());
        assertEquals(List.of("TLS_AES_128_GCM_SHA256"), tls.cipherSuites());
        assertEquals(List.of("h2", "http/1.1"), tls.alpn());
        assertSame(Decision.PASS, table.route("api.internal", 9000));
        assertSame(Decision.UNDECLARED, table.route("api.internal", 9001));
    }

    @Test
    void policyIsReadFromTheFile() throws Exception {
        LoadedRules rules = RulesLoader.load(write(dir, "outboundTrafficPolicy: {mode: REGISTRY_ONLY}"));

        assertEquals(OutboundTrafficPolicy.REGISTRY_ONLY, rules.outboundTrafficPolicy());
        assertFalse(rules.table().route("anything.example", 80).originates());
    }

    @Test
    void oneFileCannotMixTheTwoForms() throws Exception {
        Path file = write(dir, concat(CNN_SERVICE_ENTRY, "---", "originate:", "- host: edition.cnn.com"));

        assertAt(loadFails(file), file, 1, null, "a file holds either Istio resources or one short-form document");
    }

    @Test
    void unsupportedMinimumVersion() throws Exception {
        Path file = write(dir,
                "originate:",
                "- host: edition.cnn.com",
                "  tls: {minProtocolVersion: TLSv1.1}");

        assertAt(loadFails(file), file, 3, "originate[0].tls.minProtocolVersion", "'TLSv1.1' is not offered");
    }

    @Test
    void clientCertificateWithoutKey() throws Exception {
        Files.writeString(dir.resolve("client.pem"), "read by the TLS layer");
        Path file = write(dir,
                "originate:",
                "- host: edition.cnn.com",
                "  tls:",
                "    clientCertificate: client.pem");

        assertAt(loadFails(file), file, 4, "originate[0].tls.clientCertificate",
                "clientCertificate and privateKey go together");
    }

    @Test
    void hostAndPortNamedTwice() throws Exception {
        Path file = write(dir,
                "originate:",
                "- host: edition.cnn.com",
                "allow:",
                "- {host: Edition.CNN.com, port: 80}");

        assertAt(loadFails(file), file, 4, "allow[0].host", "edition.cnn.com:80 is named twice");
    }

    @Test
    void unknownFieldIsNamed() throws Exception {
        Path file = write(dir,
                "originate:",
                "- host: edition.cnn.com",
                "  tragetPort: 443");

        assertAt(loadFails(file), file, 3, "originate[0].tragetPort", "not supported");
    }

    @Test
    void unknownPolicy() throws Exception {
        Path file = write(dir, "outboundTrafficPolicy: {mode: DENY_ALL}");

        assertAt(loadFails(file), file, 1, "outboundTrafficPolicy.mode", "'DENY_ALL' is not an outbound traffic policy");
    }

    private RouteTable loadTable(String... lines) throws Exception {
        return RulesLoader.load(write(dir, lines)).table();
    }
}
