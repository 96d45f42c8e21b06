package org.tlsorigination.testapps.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    private final CertificateAuthority ca = CertificateAuthority.create("test CA");

    @Test
    void issuedCertificateNamesTheHostsAndChainsToTheAuthority() throws Exception {
        X509Certificate server = ca.issue(List.of("edition.cnn.com", "www.cnn.com"), true).certificate();

        server.verify(ca.certificate().getPublicKey());
        assertEquals(List.of("edition.cnn.com", "www.cnn.com", "127.0.0.1"),
                server.getSubjectAlternativeNames().stream().map(name -> (String) name.get(1))
                        .collect(Collectors.toList()));
        assertEquals(-1, server.getBasicConstraints());
        assertEquals(0, ca.certificate().getBasicConstraints());
    }

    @Test
    void certificateOfAnotherAuthorityDoesNotVerify() {
        X509Certificate foreign = CertificateAuthority.create("other CA").issue("edition.cnn.com").certificate();

        assertThrows(SignatureException.class, () -> foreign.verify(ca.certificate().getPublicKey()));
    }

    @Test
    void writesTheAuthorityAsPemAndAsPkcs12TrustStore(@TempDir Path dir) throws Exception {
        Path pem = ca.writeCertificatePem(dir.resolve("ca.pem"));
        TrustStore trustStore = ca.writeTrustStore(dir.resolve("trust.p12"));

        assertTrue(Files.readString(pem).startsWith("-----BEGIN CERTIFICATE-----"));
        try (InputStream in = Files.newInputStream(pem)) {
            assertEquals(ca.certificate(), CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        KeyStore loaded = KeyStore.getInstance(trustStore.type());
        try (InputStream in = Files.newInputStream(trustStore.path())) {
            loaded.load(in, trustStore.password().toCharArray());
        }
        assertEquals(ca.certificate(), loaded.getCertificate("ca"));
        assertEquals(trustStore.path().toAbsolutePath().toString(),
                trustStore.systemProperties().get("javax.net.ssl.trustStore"));
    }
}
