package org.tlsorigination.agent.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/** MUTUAL: the certificate chain and key a profile presents to the server, the whole chain as the file holds it. */
final class ClientIdentity {
    private static final char[] IN_MEMORY_ONLY = new char[0];

    private ClientIdentity() {
    }

    static KeyManager[] keyManagers(Path certificateChain, Path privateKey)
            throws GeneralSecurityException, IOException {
        Certificate[] chain = readChain(certificateChain);
        PrivateKey key = PemPrivateKey.read(privateKey, chain[0].getPublicKey());
        if (!chain[0].getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new GeneralSecurityException(privateKey + ": a " + key.getAlgorithm() + " key does not belong to the "
                    + chain[0].getPublicKey().getAlgorithm() + " certificate in " + certificateChain);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", key, IN_MEMORY_ONLY, chain);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY_ONLY);
        return factory.getKeyManagers();
    }

    static Collection<? extends Certificate> readCertificates(Path pemBundle) throws IOException, CertificateException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pemBundle)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (CertificateException e) {
            throw new CertificateException(pemBundle + ": not a PEM certificate file: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new CertificateException(pemBundle + ": holds no certificate");
        }
        return certificates;
    }

    private static Certificate[] readChain(Path file) throws IOException, CertificateException {
        return readCertificates(file).toArray(new Certificate[0]);
    }
}
