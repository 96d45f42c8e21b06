package org.tlsorigination.agent;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates with their keys, and a CRL, minted per test run and written as PEM. */
final class TestCertificates {
    private static final long DAY = 86_400_000L;

    final KeyPair keys;
    final X509Certificate certificate;

    private TestCertificates(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** @param algorithm "RSA" (2048) or "EC" (P-256) */
    static TestCertificates selfSigned(String algorithm, String commonName) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(algorithm.equals("RSA") ? 2048 : 256);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + commonName);
        long now = System.currentTimeMillis();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.valueOf(now), new Date(now - DAY), new Date(now + DAY), name, keys.getPublic())
                .build(signer(keys)));
        return new TestCertificates(keys, certificate);
    }

    Path writeCertificate(Path file) throws Exception {
        return Files.writeString(file, pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
    }

    Path writeKey(Path file) throws Exception {
        return Files.writeString(file, pem("PRIVATE KEY", keys.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
    }

    /** An empty CRL issued by this certificate. */
    Path writeCrl(Path file) throws Exception {
        JcaX509v2CRLBuilder crl = new JcaX509v2CRLBuilder(certificate, new Date(System.currentTimeMillis() - DAY));
        crl.setNextUpdate(new Date(System.currentTimeMillis() + DAY));
        byte[] der = new JcaX509CRLConverter().getCRL(crl.build(signer(keys))).getEncoded();
        return Files.writeString(file, pem("X509 CRL", der), StandardCharsets.US_ASCII);
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static ContentSigner signer(KeyPair keys) throws GeneralSecurityException {
        try {
            return new JcaContentSignerBuilder(keys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA"
                    : "SHA256withECDSA").build(keys.getPrivate());
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
