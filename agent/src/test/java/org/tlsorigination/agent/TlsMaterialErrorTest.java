package org.tlsorigination.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tlsorigination.agent.config.ConfigException;
import org.tlsorigination.agent.config.Settings;

/**
 * Certificates, keys, CAs and CRLs are checked when the rules load, each problem in plain words at the field that
 * named the file: never a Java exception chain, and never later, at a handshake.
 */
class TlsMaterialErrorTest {
    private static final String TLS = ": DestinationRule cnn: spec.trafficPolicy.tls.";
    private static final Duration TIME_BOUND = Duration.ofSeconds(10);

    private static TestCertificates rsa;
    private static TestCertificates otherRsa;
    private static TestCertificates ec;
    private static TestCertificates otherEc;

    @TempDir
    Path dir;

    @BeforeAll
    static void mint() throws Exception {
        rsa = TestCertificates.selfSigned("RSA", "client");
        otherRsa = TestCertificates.selfSigned("RSA", "other");
        ec = TestCertificates.selfSigned("EC", "ca");
        otherEc = TestCertificates.selfSigned("EC", "other");
    }

    /** Every file valid to start with; each row then spoils one. */
    @BeforeEach
    void validFiles() throws Exception {
        rsa.writeCertificate(dir.resolve("client.pem"));
        rsa.writeKey(dir.resolve("client-key.pem"));
        ec.writeCertificate(dir.resolve("ca.pem"));
        ec.writeCrl(dir.resolve("ca.crl"));
    }

    /** Spoils one file of a valid set. */
    interface Spoiler {
        void spoil(Path dir) throws Exception;
    }

    static Stream<Arguments> spoiledFiles() {
        return Stream.of(
                row("the client certificate is a key", dir -> rsa.writeKey(dir.resolve("client.pem")),
                        "{file}:23" + TLS + "clientCertificate: file {dir}/client.pem holds a private key (PRIVATE KEY) "
                                + "but no certificate (CERTIFICATE)"),
                row("the private key is a certificate", dir -> rsa.writeCertificate(dir.resolve("client-key.pem")),
                        "{file}:24" + TLS + "privateKey: file {dir}/client-key.pem holds a certificate (CERTIFICATE) "
                                + "but no private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)"),
                row("the CA bundle is a CRL", dir -> ec.writeCrl(dir.resolve("ca.pem")),
                        "{file}:25" + TLS + "caCertificates: file {dir}/ca.pem holds a CRL (X509 CRL) but no "
                                + "certificate (CERTIFICATE)"),
                row("the CRL is a certificate", dir -> ec.writeCertificate(dir.resolve("ca.crl")),
                        "{file}:26" + TLS + "caCrl: file {dir}/ca.crl holds a certificate (CERTIFICATE) but no CRL "
                                + "(X509 CRL)"),
                row("an RSA key of another RSA certificate", dir -> otherRsa.writeKey(dir.resolve("client-key.pem")),
                        "{file}:24" + TLS + "privateKey: file {dir}/client-key.pem does not belong to the first "
                                + "certificate in {dir}/client.pem: a signature it makes does not verify with that "
                                + "certificate's public key"),
                row("an EC key of another EC certificate", dir -> {
                    ec.writeCertificate(dir.resolve("client.pem"));
                    otherEc.writeKey(dir.resolve("client-key.pem"));
                }, "{file}:24" + TLS + "privateKey: file {dir}/client-key.pem does not belong to the first certificate "
                        + "in {dir}/client.pem: a signature it makes does not verify with that certificate's public key"),
                row("an EC key for an RSA certificate", dir -> ec.writeKey(dir.resolve("client-key.pem")),
                        "{file}:24" + TLS + "privateKey: file {dir}/client-key.pem is an EC key, but the first "
                                + "certificate in {dir}/client.pem has an RSA key"),
                row("text that is neither PEM nor DER", dir -> Files.writeString(dir.resolve("ca.pem"), "hello"),
                        "{file}:25" + TLS + "caCertificates: file {dir}/ca.pem holds no PEM block and is not DER "
                                + "either; it should hold a certificate (CERTIFICATE)"),
                row("a certificate block of garbage", dir -> Files.writeString(dir.resolve("ca.pem"),
                        TestCertificates.pem("CERTIFICATE", new byte[] {1, 2, 3})),
                        "{file}:25" + TLS + "caCertificates: file {dir}/ca.pem has a CERTIFICATE block (number 1) that "
                                + "is not an X.509 certificate"),
                row("a certificate without its END line", dir -> Files.writeString(dir.resolve("client.pem"),
                        "-----BEGIN CERTIFICATE-----\nMIIB\n"),
                        "{file}:23" + TLS + "clientCertificate: file {dir}/client.pem has a CERTIFICATE block without "
                                + "its END line"),
                row("an encrypted key", dir -> Files.writeString(dir.resolve("client-key.pem"),
                        TestCertificates.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3})),
                        "{file}:24" + TLS + "privateKey: file {dir}/client-key.pem is an encrypted private key, which "
                                + "is not supported; mount it unencrypted"),
                row("a private key that grew past its limit", dir -> Files.writeString(dir.resolve("client-key.pem"),
                        " ".repeat(70_000)),
                        "{file}:24" + TLS + "privateKey: file {dir}/client-key.pem is larger than the 64 KiB limit for "
                                + "a private key file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spoiledFiles")
    void refusedAtTheFieldThatNamedTheFile(String name, Spoiler spoiler, String expected) throws Exception {
        Path rules = rules();
        spoiler.spoil(dir);

        ConfigException e = assertTimeoutPreemptively(TIME_BOUND,
                () -> assertThrows(ConfigException.class, () -> load(rules)));

        assertEquals(expected.replace("{file}", rules.toString()).replace("{dir}", dir.toString()), e.getMessage());
    }

    @Test
    void matchingKeysLoadWhetherRsaEcOrOneFileWithBoth() throws Exception {
        Path rules = rules();
        load(rules);

        ec.writeCertificate(dir.resolve("client.pem"));
        ec.writeKey(dir.resolve("client-key.pem"));
        load(rules);

        Files.writeString(dir.resolve("client.pem"), Files.readString(dir.resolve("client.pem"))
                + Files.readString(dir.resolve("client-key.pem")));
        Files.copy(dir.resolve("client.pem"), dir.resolve("client-key.pem"), StandardCopyOption.REPLACE_EXISTING);
        load(rules);
    }

    /** A CA bundle close to its 4 MiB limit loads in bounded time, read as one buffer rather than byte by byte. */
    @Test
    void aCaBundleNearItsLimitLoadsQuickly() throws Exception {
        String one = Files.readString(dir.resolve("ca.pem"));
        Files.writeString(dir.resolve("ca.pem"), "# comment lines between blocks are ignored\n"
                + one.repeat((4 << 20) / one.length() - 1));
        Path rules = rules();

        assertTimeoutPreemptively(TIME_BOUND, () -> load(rules));
    }

    /** Every TLS setting the limit allows, all on one bundle near its limit: the bundle is parsed once, not 64 times. */
    @Test
    void theMostTlsSettingsSharingTheLargestBundleLoadQuickly() throws Exception {
        String one = Files.readString(dir.resolve("ca.pem"));
        Files.writeString(dir.resolve("ca.pem"), one.repeat((4 << 20) / one.length() - 1));
        StringBuilder shortForm = new StringBuilder("originate:\n");
        for (int i = 0; i < 64; i++) {
            shortForm.append("- {host: h").append(i).append(".example, tls: {caCertificates: ca.pem, sni: s").append(i)
                    .append(".example}}\n");
        }
        Path rules = Files.writeString(dir.resolve("rules.yaml"), shortForm);

        RulesRouter router = assertTimeoutPreemptively(TIME_BOUND, () -> load(rules));

        assertEquals(64, router.rules().table().size());
    }

    private static RulesRouter load(Path rules) throws ConfigException {
        return RulesRouter.load(Settings.fromEnvironment("rules=" + rules));
    }

    private Path rules() throws Exception {
        return Files.writeString(dir.resolve("rules.yaml"), String.join("\n",
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
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: cnn}",
                "spec:",
                "  host: edition.cnn.com",
                "  trafficPolicy:",
                "    tls:",
                "      mode: MUTUAL",
                "      clientCertificate: client.pem",
                "      privateKey: client-key.pem",
                "      caCertificates: ca.pem",
                "      caCrl: ca.crl",
                ""));
    }

    private static Arguments row(String name, Spoiler spoiler, String expected) {
        return Arguments.of(name, spoiler, expected);
    }
}
