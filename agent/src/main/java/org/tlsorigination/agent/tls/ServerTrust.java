package org.tlsorigination.agent.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.tlsorigination.agent.route.TlsProfile;

/** Which server certificates a profile accepts: the JVM's trust store, or exactly a PEM bundle, and which names. */
final class ServerTrust {

    private ServerTrust() {
    }

    static TrustManager[] forProfile(TlsProfile profile) throws GeneralSecurityException, IOException {
        if (profile.insecureSkipVerify()) {
            return new TrustManager[] {new TrustingEveryServer()};
        }
        X509TrustManager chainCheck = chainCheck(profile.caCertificates());
        if (profile.subjectAltNames().isEmpty()) {
            return new TrustManager[] {chainCheck};
        }
        return new TrustManager[] {new SubjectAltNameTrustManager(chainCheck, profile.subjectAltNames())};
    }

    /** Null means the JVM's default trust store, so {@code -Djavax.net.ssl.trustStore} applies as for the app. */
    private static X509TrustManager chainCheck(Path caCertificates) throws GeneralSecurityException, IOException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(caCertificates == null ? null : keyStoreOf(caCertificates));
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager) {
                return (X509TrustManager) manager;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }

    private static KeyStore keyStoreOf(Path pemBundle) throws GeneralSecurityException, IOException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pemBundle)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (CertificateException e) {
            throw new CertificateException(pemBundle + ": not a PEM certificate bundle: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new CertificateException(pemBundle + ": holds no certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        return store;
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
                throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
