package org.tlsorigination.agent.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.tlsorigination.agent.files.FileKind;
import org.tlsorigination.agent.route.TlsProfile;

/** Which server certificates a profile accepts: the JVM's trust store, or exactly a PEM bundle, and which names. */
final class ServerTrust {
    private static final Set<String> CRL_LABEL = Set.of("X509 CRL");

    private ServerTrust() {
    }

    static TrustManager[] forProfile(TlsProfile profile, TlsMaterial material)
            throws GeneralSecurityException, IOException {
        if (profile.insecureSkipVerify()) {
            return new TrustManager[] {new TrustingEveryServer()};
        }
        X509TrustManager chainCheck = material.chainCheck(profile.caCertificates(), profile.caCrl());
        if (profile.subjectAltNames().isEmpty()) {
            return new TrustManager[] {chainCheck};
        }
        return new TrustManager[] {new SubjectAltNameTrustManager(chainCheck, profile.subjectAltNames())};
    }

    /** Without a CA bundle, the JVM's default trust store: {@code -Djavax.net.ssl.trustStore} applies as for the app. */
    static X509TrustManager chainCheck(Path caCertificates, Path caCrl)
            throws GeneralSecurityException, IOException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        KeyStore anchors = caCertificates == null ? null : keyStoreOf(caCertificates);
        if (caCrl == null) {
            factory.init(anchors);
        } else {
            factory.init(revocationChecking(anchors != null ? anchors : DefaultTrustStore.load(), caCrl));
        }
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager) {
                return (X509TrustManager) manager;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }

    /** Checks every certificate of the chain against the CRL file only: no OCSP, no network. */
    private static CertPathTrustManagerParameters revocationChecking(KeyStore anchors, Path caCrl)
            throws GeneralSecurityException, IOException {
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, new X509CertSelector());
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(readCrls(caCrl))));
        PKIXRevocationChecker revocation = (PKIXRevocationChecker) CertPathBuilder.getInstance("PKIX")
                .getRevocationChecker();
        revocation.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                PKIXRevocationChecker.Option.NO_FALLBACK));
        parameters.addCertPathChecker(revocation);
        return new CertPathTrustManagerParameters(parameters);
    }

    /** Every CRL of a PEM file (text around the blocks is ignored), or the one of a DER file. */
    private static Collection<CRL> readCrls(Path file) throws GeneralSecurityException, IOException {
        PemFile pem = PemFile.read(file, FileKind.CRL);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<CRL> crls = new ArrayList<>();
        if (!pem.isPem()) {
            try {
                crls.addAll(factory.generateCRLs(new ByteArrayInputStream(pem.content())));
            } catch (CRLException | RuntimeException e) {
                // neither PEM nor DER: said below
            }
        }
        List<PemFile.Block> blocks = pem.blocks(CRL_LABEL);
        for (int i = 0; i < blocks.size(); i++) {
            try {
                crls.add(factory.generateCRL(new ByteArrayInputStream(blocks.get(i).der)));
            } catch (CRLException | RuntimeException e) {
                throw new TlsFileException(file, "has an X509 CRL block (number " + (i + 1) + ") that is not a CRL");
            }
        }
        if (crls.isEmpty()) {
            throw pem.holdsNo("CRL (X509 CRL)");
        }
        return crls;
    }

    private static KeyStore keyStoreOf(Path pemBundle) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate certificate : ClientIdentity.readCertificates(pemBundle)) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        return store;
    }

    /** The trust store the JDK's default trust manager would use, for when a CRL needs the anchors in hand. */
    private static final class DefaultTrustStore {
        static KeyStore load() throws GeneralSecurityException, IOException {
            String file = System.getProperty("javax.net.ssl.trustStore");
            Path path = file != null ? Paths.get(file) : defaultFile();
            String type = System.getProperty("javax.net.ssl.trustStoreType", KeyStore.getDefaultType());
            String password = System.getProperty("javax.net.ssl.trustStorePassword");
            KeyStore store = KeyStore.getInstance(type);
            byte[] content;
            try {
                content = FileKind.TRUST_STORE.read(path);
            } catch (IOException e) {
                throw new TlsFileException(path, "(the JVM's trust store) " + e.getMessage());
            }
            try {
                store.load(new ByteArrayInputStream(content), password == null ? null : password.toCharArray());
            } catch (IOException | RuntimeException e) {
                throw new TlsFileException(path, "(the JVM's trust store) does not open as a " + type
                        + " key store with javax.net.ssl.trustStorePassword");
            }
            return store;
        }

        private static Path defaultFile() {
            Path security = Paths.get(System.getProperty("java.home"), "lib", "security");
            Path jssecacerts = security.resolve("jssecacerts");
            return Files.exists(jssecacerts) ? jssecacerts : security.resolve("cacerts");
        }
    }

    /** For {@code insecureSkipVerify: true}, which the loader has already reported as a warning. */
    private static final class TrustingEveryServer extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("client certificates are not checked here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
