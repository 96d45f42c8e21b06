package org.tlsorigination.testapps.harness;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A key and its certificate chain (leaf, then the issuing authority, unless it has none or leaves it out), for a
 * server or a client.
 */
public final class IssuedCertificate {
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    private final KeyPair keyPair;
    private final X509Certificate certificate;
    private final X509Certificate issuer;

    IssuedCertificate(KeyPair keyPair, X509Certificate certificate, X509Certificate issuer) {
        this.keyPair = keyPair;
        this.certificate = certificate;
        this.issuer = issuer;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The same key and certificate, presented without the issuer: a chain that lacks its intermediate. */
    public IssuedCertificate withoutIssuer() {
        return new IssuedCertificate(keyPair, certificate, null);
    }

    public KeyManager[] keyManagers() {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("server", keyPair.getPrivate(), IN_MEMORY_PASSWORD, chain());
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore, IN_MEMORY_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build key managers", e);
        }
    }

    /** A server-side context presenting this certificate. */
    public SSLContext sslContext() {
        return sslContext(null);
    }

    /** A server-side context presenting this certificate and accepting client certificates of {@code clients}. */
    public SSLContext sslContextTrustingClientsOf(CertificateAuthority clients) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(clients.trustingKeyStore());
            return sslContext(trust.getTrustManagers());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build server context", e);
        }
    }

    private SSLContext sslContext(TrustManager[] clientTrust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(), clientTrust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build server context", e);
        }
    }

    /** Writes the certificate and then its issuer, as a PEM chain file. */
    public Path writeChainPem(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (X509Certificate link : chain()) {
                pem.writeObject(link);
            }
        }
        return file;
    }

    private X509Certificate[] chain() {
        return issuer == null ? new X509Certificate[] {certificate} : new X509Certificate[] {certificate, issuer};
    }

    /**
     * Writes the private key as PEM: PKCS#8 ({@code PRIVATE KEY}), or the key type's traditional form (PKCS#1
     * {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}).
     */
    public Path writePrivateKeyPem(Path file, boolean pkcs8) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            if (pkcs8) {
                pem.writeObject(new JcaPKCS8Generator(keyPair.getPrivate(), null));
            } else if ("EC".equals(keyPair.getPrivate().getAlgorithm())) {
                pem.writeObject(new PemObject("EC PRIVATE KEY", sec1WithCurve(keyPair.getPrivate())));
            } else {
                pem.writeObject(keyPair);
            }
        }
        return file;
    }

    /** SEC1 as {@code openssl ecparam -genkey} writes it: naming its curve, unlike the copy inside PKCS#8. */
    private static byte[] sec1WithCurve(PrivateKey key) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        return new ECPrivateKey(256, inner.getKey(), inner.getPublicKey(),
                info.getPrivateKeyAlgorithm().getParameters()).getEncoded();
    }
}
