package org.tlsorigination.testapps.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority minted at run time (EC P-256), issuing server certificates for test
 * hosts, client certificates for mutual TLS, and CRLs. Create two to test a certificate signed by an authority the client does not trust.
 */
public final class CertificateAuthority {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private CertificateAuthority(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /** A new self-signed authority, valid from an hour ago for a day. */
    public static CertificateAuthority create(String commonName) {
        KeyPair keyPair = newKeyPair();
        X500Name subject = new X500Name("CN=" + commonName);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = certificateBuilder(subject, subject, keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            return new CertificateAuthority(keyPair, sign(builder, keyPair));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot mint CA " + commonName, e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** An intermediate authority issued by this one: what it issues needs its certificate in the chain to verify. */
    public CertificateAuthority intermediate(String commonName) {
        KeyPair keys = newKeyPair();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = certificateBuilder(
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                    new X500Name("CN=" + commonName), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            return new CertificateAuthority(keys, sign(builder, keyPair));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot mint intermediate CA " + commonName, e);
        }
    }

    /** A server certificate with the given DNS names as subject alternative names. */
    public IssuedCertificate issue(String... dnsNames) {
        return issue(List.of(dnsNames), false);
    }

    /** A server certificate for the DNS names and, if asked, also for IP address 127.0.0.1. */
    public IssuedCertificate issue(List<String> dnsNames, boolean includeLoopbackIp) {
        if (dnsNames.isEmpty()) {
            throw new IllegalArgumentException("at least one DNS name is needed");
        }
        List<GeneralName> altNames = new ArrayList<>();
        for (String dnsName : dnsNames) {
            altNames.add(new GeneralName(GeneralName.dNSName, dnsName));
        }
        if (includeLoopbackIp) {
            altNames.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        }
        return issue(dnsNames.get(0), altNames, KeyPurposeId.id_kp_serverAuth, newKeyPair());
    }

    /** A server certificate for {@code dnsName} valid only from {@code notBefore} to {@code notAfter}. */
    public IssuedCertificate issueValidBetween(Instant notBefore, Instant notAfter, String dnsName) {
        return issue(dnsName, List.of(new GeneralName(GeneralName.dNSName, dnsName)), KeyPurposeId.id_kp_serverAuth,
                newKeyPair(), notBefore, notAfter);
    }

    /** A server certificate for {@code dnsName} signed by its own key: no authority vouches for it. */
    public static IssuedCertificate selfSigned(String dnsName) {
        CertificateAuthority itself = create(dnsName);
        return new IssuedCertificate(itself.keyPair, itself.certificate, null);
    }

    /** A client certificate (for mutual TLS) with a key of {@code keyAlgorithm}: "EC" (P-256) or "RSA" (2048). */
    public IssuedCertificate issueClient(String commonName, String keyAlgorithm) {
        KeyPair keys = "RSA".equals(keyAlgorithm) ? newRsaKeyPair() : newKeyPair();
        return issue(commonName, List.of(new GeneralName(GeneralName.dNSName, commonName)),
                KeyPurposeId.id_kp_clientAuth, keys);
    }

    private IssuedCertificate issue(String commonName, List<GeneralName> altNames, KeyPurposeId purpose,
                                    KeyPair keys) {
        Instant now = Instant.now();
        return issue(commonName, altNames, purpose, keys, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    }

    private IssuedCertificate issue(String commonName, List<GeneralName> altNames, KeyPurposeId purpose,
                                    KeyPair keys, Instant notBefore, Instant notAfter) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = certificateBuilder(
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                    new X500Name("CN=" + commonName), keys.getPublic(), notBefore, notAfter)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(altNames.toArray(new GeneralName[0])))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            return new IssuedCertificate(keys, sign(builder, keyPair), certificate);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue certificate for " + commonName, e);
        }
    }

    /** Writes a CRL of this authority, valid now, that revokes {@code revoked}. */
    public Path writeCrl(Path file, X509Certificate... revoked) throws IOException {
        Instant now = Instant.now();
        X509v2CRLBuilder crl = new JcaX509v2CRLBuilder(certificate, Date.from(now.minus(Duration.ofHours(1))))
                .setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        for (X509Certificate certificate : revoked) {
            crl.addCRLEntry(certificate.getSerialNumber(), Date.from(now.minus(Duration.ofMinutes(5))),
                    CRLReason.keyCompromise);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(new JcaX509CRLConverter().getCRL(
                    crl.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keyPair.getPrivate()))));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot write CRL " + file, e);
        }
        return file;
    }

    /** Writes this authority's certificate as PEM and returns the file. */
    public Path writeCertificatePem(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate);
        }
        return file;
    }

    /** Writes a PKCS12 trust store holding only this authority. */
    public TrustStore writeTrustStore(Path file) throws IOException {
        TrustStore trustStore = new TrustStore(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            trustingKeyStore().store(out, trustStore.password().toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write trust store " + file, e);
        }
        return trustStore;
    }

    /** A client context that trusts this authority and nothing else. */
    public SSLContext clientSslContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustingKeyStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build client context", e);
        }
    }

    KeyStore trustingKeyStore() throws GeneralSecurityException, IOException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setCertificateEntry("ca", certificate);
        return keyStore;
    }

    private static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate RSA key pair", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate EC P-256 key pair", e);
        }
    }

    private static X509v3CertificateBuilder certificateBuilder(X500Name issuer, X500Name subject, PublicKey key) {
        Instant now = Instant.now();
        return certificateBuilder(issuer, subject, key, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    }

    private static X509v3CertificateBuilder certificateBuilder(X500Name issuer, X500Name subject, PublicKey key,
                                                               Instant notBefore, Instant notAfter) {
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(notBefore), Date.from(notAfter), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
                            .build(signer.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
