package org.tlsorigination.agent.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.tlsorigination.agent.files.FileKind;

/** MUTUAL: the certificate chain and key a profile presents to the server, the whole chain as the file holds it. */
final class ClientIdentity {
    private static final char[] IN_MEMORY_ONLY = new char[0];
    private static final Set<String> CERTIFICATE = Set.of("CERTIFICATE");

    private ClientIdentity() {
    }

    static KeyManager[] keyManagers(Path certificateChain, Path privateKey)
            throws GeneralSecurityException, IOException {
        Certificate[] chain = readCertificates(certificateChain).toArray(new Certificate[0]);
        PrivateKey key = PemPrivateKey.read(privateKey, chain[0].getPublicKey());
        KeyPairMatch.require(key, privateKey, chain[0].getPublicKey(), certificateChain);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", key, IN_MEMORY_ONLY, chain);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY_ONLY);
        return factory.getKeyManagers();
    }

    /** Every certificate of a PEM bundle (text around the blocks is ignored), or of a DER file. */
    static List<Certificate> readCertificates(Path file) throws GeneralSecurityException, IOException {
        PemFile pem = PemFile.read(file, FileKind.CERTIFICATES);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> certificates = new ArrayList<>();
        if (!pem.isPem()) {
            try {
                certificates.addAll(factory.generateCertificates(new ByteArrayInputStream(pem.content())));
            } catch (CertificateException | RuntimeException e) {
                // neither PEM nor DER: said below
            }
        }
        List<PemFile.Block> blocks = pem.blocks(CERTIFICATE);
        for (int i = 0; i < blocks.size(); i++) {
            try {
                certificates.add(factory.generateCertificate(new ByteArrayInputStream(blocks.get(i).der)));
            } catch (CertificateException | RuntimeException e) {
                throw new TlsFileException(file, "has a CERTIFICATE block (number " + (i + 1) + ") that is not an "
                        + "X.509 certificate");
            }
        }
        if (certificates.isEmpty()) {
            throw pem.holdsNo("certificate (CERTIFICATE)");
        }
        return certificates;
    }
}
