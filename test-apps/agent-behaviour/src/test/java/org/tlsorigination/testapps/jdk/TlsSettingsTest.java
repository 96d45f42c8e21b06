package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.IssuedCertificate;
import org.tlsorigination.testapps.harness.RulesText;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;

/** The DestinationRule's TLS settings, each against a server that checks what the agent presented. */
class TlsSettingsTest {
    private static final String HOST = SeedStage.HOST;

    @TempDir
    Path dir;

    private final CertificateAuthority serverCa = CertificateAuthority.create("server CA");
    private final CertificateAuthority clientCa = CertificateAuthority.create("client CA");

    @ParameterizedTest(name = "{0} key as {1}")
    @CsvSource({"EC, PKCS#8", "EC, SEC1", "RSA, PKCS#8", "RSA, PKCS#1"})
    void mutualTlsPresentsTheClientCertificateFromEachKeyFormat(String keyAlgorithm, String keyFormat)
            throws Exception {
        IssuedCertificate client = clientCa.issueClient("legacy-app", keyAlgorithm);
        Path chain = client.writeChainPem(dir.resolve("client.pem"));
        Path key = client.writePrivateKeyPem(dir.resolve("client-key.pem"), keyFormat.equals("PKCS#8"));

        try (SeedStage stage = mutualTlsStage()) {
            ChildJvm.Result result = fetch(stage, "mode: MUTUAL", "caCertificates: " + caFile(),
                    "clientCertificate: " + chain, "privateKey: " + key);

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("CN=legacy-app", stage.standIn().connections().get(0).clientSubject(), stage.standIn()::toString);
            assertEquals(1, stage.standIn().requests().size(), stage.standIn()::summary);
        }
    }

    @Test
    void clientCertificateChainIsSentWhole() throws Exception {
        IssuedCertificate client = clientCa.intermediate("client intermediate CA")
                .issueClient("legacy-app", "EC");
        Path chain = client.writeChainPem(dir.resolve("client-chain.pem"));
        Path key = client.writePrivateKeyPem(dir.resolve("client-key.pem"), true);

        try (SeedStage stage = mutualTlsStage()) {
            ChildJvm.Result result = fetch(stage, "mode: MUTUAL", "caCertificates: " + caFile(),
                    "clientCertificate: " + chain, "privateKey: " + key);

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("CN=legacy-app", stage.standIn().connections().get(0).clientSubject(), stage.standIn()::toString);
        }
    }

    @Test
    void caCertificatesMayBeABundleOfSeveralCas() throws Exception {
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, Files.readString(CertificateAuthority.create("other CA")
                .writeCertificatePem(dir.resolve("other.pem"))) + Files.readString(caFile()));

        try (SeedStage stage = stage(StandInServer.builder(serverCa.issue(HOST).sslContext()))) {
            ChildJvm.Result result = fetch(stage, "mode: SIMPLE", "caCertificates: " + bundle);

            assertArrivedOverTls(result, stage, 1);
        }
    }

    /** A server that prefers h2 must not get it from a client that speaks HTTP/1.1. */
    @Test
    void alpnOffersOnlyHttp11ByDefault() throws Exception {
        try (SeedStage stage = stage(StandInServer.builder(serverCa.issue(HOST).sslContext()).alpn("h2", "http/1.1"))) {
            ChildJvm.Result result = fetch(stage, "mode: SIMPLE", "caCertificates: " + caFile());

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("http/1.1", stage.standIn().connections().get(0).alpn(), stage.standIn()::toString);
        }
    }

    @Test
    void minimumVersionTls13RefusesATls12OnlyServer() throws Exception {
        try (SeedStage stage = stage(StandInServer.builder(serverCa.issue(HOST).sslContext())
                .tlsProtocols("TLSv1.2"))) {
            ChildJvm.Result tls12 = fetchShortForm(stage, "caCertificates: " + caFile());
            ChildJvm.Result tls13Only = fetchShortForm(stage, "caCertificates: " + caFile(),
                    "minProtocolVersion: TLSv1.3");

            assertEquals(0, tls12.exitCode(), tls12::toString);
            assertEquals("TLSv1.2", stage.standIn().connections().get(0).protocol(), stage.standIn()::toString);
            assertEquals(35, tls13Only.exitCode(), tls13Only::toString);
            assertTrue(tls13Only.stderr().contains("TLS origination to " + HOST + ":" + stage.standIn().tlsPort()
                    + " failed: "), tls13Only::toString);
            assertEquals(1, stage.standIn().requests().size(), stage.standIn()::summary);
        }
    }

    @Test
    void mutualTlsServerRefusesAnOriginationWithoutClientCertificate() throws Exception {
        try (SeedStage stage = mutualTlsStage()) {
            ChildJvm.Result result = fetch(stage, "mode: SIMPLE", "caCertificates: " + caFile());

            assertServerRefusedTheClient(result, stage);
        }
    }

    @Test
    void mutualTlsServerRefusesAClientCertificateFromAnotherCa() throws Exception {
        IssuedCertificate stranger = CertificateAuthority.create("stranger")
                .issueClient("legacy-app", "EC");
        Path chain = stranger.writeChainPem(dir.resolve("stranger.pem"));
        Path key = stranger.writePrivateKeyPem(dir.resolve("stranger-key.pem"), true);

        try (SeedStage stage = mutualTlsStage()) {
            ChildJvm.Result result = fetch(stage, "mode: MUTUAL", "caCertificates: " + caFile(),
                    "clientCertificate: " + chain, "privateKey: " + key);

            assertServerRefusedTheClient(result, stage);
        }
    }

    @Test
    void revokedServerCertificateFailsTheHandshake() throws Exception {
        IssuedCertificate server = serverCa.issue(HOST);
        Path crl = serverCa.writeCrl(dir.resolve("revoked.crl"), server.certificate());

        try (SeedStage stage = stage(StandInServer.builder(server.sslContext()))) {
            ChildJvm.Result result = fetch(stage, "mode: SIMPLE", "caCertificates: " + caFile(), "caCrl: " + crl);

            assertFailedNamingTheHost(result, stage);
            assertTrue(result.stderr().contains("revoked"), result::toString);
        }
    }

    @Test
    void crlWithoutTheServerCertificateLetsTheHandshakeThrough() throws Exception {
        IssuedCertificate server = serverCa.issue(HOST);
        Path crl = serverCa.writeCrl(dir.resolve("empty.crl"), serverCa.issue("other.example").certificate());

        try (SeedStage stage = stage(StandInServer.builder(server.sslContext()))) {
            ChildJvm.Result result = fetch(stage, "mode: SIMPLE", "caCertificates: " + caFile(), "caCrl: " + crl);

            assertArrivedOverTls(result, stage, 1);
        }
    }

    @Test
    void subjectAltNamesReplaceTheHostNameCheck() throws Exception {
        try (SeedStage stage = stage(StandInServer.builder(serverCa.issue("origin.cnn.internal").sslContext()))) {
            ChildJvm.Result accepted = fetch(stage, "mode: SIMPLE", "caCertificates: " + caFile(),
                    "subjectAltNames: [origin.cnn.internal]");
            assertArrivedOverTls(accepted, stage, 1);
            ChildJvm.Result refused = fetch(stage, "mode: SIMPLE", "caCertificates: " + caFile(),
                    "subjectAltNames: [elsewhere.cnn.internal]");

            assertEquals(1, stage.standIn().requests().size(), stage.standIn()::summary);
            assertEquals(35, refused.exitCode(), refused::toString);
            assertTrue(refused.stderr().contains("names none of the subjectAltNames [elsewhere.cnn.internal]"),
                    refused::toString);
        }
    }

    @Test
    void sniOverrideIsSentAndChecked() throws Exception {
        try (SeedStage stage = stage(StandInServer.builder(serverCa.issue("origin.cnn.internal").sslContext()))) {
            ChildJvm.Result result = fetch(stage, "mode: SIMPLE", "caCertificates: " + caFile(),
                    "sni: origin.cnn.internal");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("origin.cnn.internal", stage.standIn().requests().get(0).sni(), stage.standIn()::summary);
        }
    }

    @Test
    void insecureSkipVerifyAcceptsAnyCertificateAndSaysSoAtStartUp() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create("stranger");
        try (SeedStage stage = stage(StandInServer.builder(stranger.issue("wrong.example").sslContext()))) {
            ChildJvm.Result result = fetch(stage, "mode: SIMPLE", "insecureSkipVerify: true");

            assertArrivedOverTls(result, stage, 1);
            assertTrue(result.stderr().contains("warning: ") && result.stderr().contains("insecureSkipVerify: turns off "
                    + "certificate and host name checks for " + HOST), result::toString);
        }
    }

    private SeedStage mutualTlsStage() throws IOException {
        return stage(StandInServer.builder(serverCa.issue(HOST).sslContextTrustingClientsOf(clientCa))
                .requireClientCertificate());
    }

    private SeedStage stage(StandInServer.Builder standIn) throws IOException {
        return SeedStage.start(dir, serverCa, standIn, Curl.class);
    }

    private Path caFile() throws IOException {
        return serverCa.writeCertificatePem(dir.resolve("server-ca.pem"));
    }

    /** The seed's scenario with the given {@code tls} fields on the stand-in's ports. */
    private ChildJvm.Result fetch(SeedStage stage, String... tlsFields) throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"),
                RulesText.originating(stage.standIn().plainPort(), stage.standIn().tlsPort(), tlsFields));
        return stage.withAgent(rules, "-s", "-o", "/dev/null", stage.plainUrl("/politics")).run();
    }

    private ChildJvm.Result fetchShortForm(SeedStage stage, String... tlsFields) throws Exception {
        Path rules = Files.writeString(dir.resolve("short-form.yaml"),
                RulesText.shortForm(stage.standIn().plainPort(), stage.standIn().tlsPort(), tlsFields));
        return stage.withAgent(rules, "-s", "-o", "/dev/null", stage.plainUrl("/politics")).run();
    }

    /**
     * In TLS 1.3 the client's side of the handshake is over before the server judges its certificate, so the
     * server's refusal reaches the app on its first write or read, as the JDK reports it.
     */
    private static void assertServerRefusedTheClient(ChildJvm.Result result, SeedStage stage) {
        assertTrue(result.exitCode() == 35 || result.exitCode() == 56, result::toString);
        assertEquals(0, stage.standIn().requests().size(), stage.standIn()::summary);
        assertEquals(0, stage.standIn().plainConnections(), stage.standIn()::summary);
    }

    /**
     * Curl exits with 0 on the plain port's redirect too, so what counts is the server: {@code requests} requests for
     * the page, each over TLS with the host as SNI, and not a byte on the plain port.
     */
    private static void assertArrivedOverTls(ChildJvm.Result result, SeedStage stage, int requests) {
        assertEquals(0, result.exitCode(), result::toString);
        StandInServer standIn = stage.standIn();
        assertEquals(requests, standIn.requests().size(), standIn::summary);
        assertTrue(standIn.requests().stream().allMatch(request -> request.tls() && HOST.equals(request.sni())
                && "/politics".equals(request.path())), standIn::summary);
        assertEquals(0, standIn.plainConnections(), standIn::summary);
        assertEquals(0, standIn.nonTlsBytesReceived(), standIn::summary);
    }

    private static void assertFailedNamingTheHost(ChildJvm.Result result, SeedStage stage) {
        assertEquals(35, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("TLS origination to " + HOST + ":" + stage.standIn().tlsPort()
                + " failed: "), result::toString);
        assertEquals(0, stage.standIn().requests().size(), stage.standIn()::summary);
        assertEquals(0, stage.standIn().plainConnections(), stage.standIn()::summary);
    }
}
