package org.tlsorigination.agent.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Istio's {@code subjectAltNames}: the chain must be trusted and the server certificate must carry one of the
 * listed names exactly (DNS names compare case-insensitively), instead of the host name.
 */
final class SubjectAltNameTrustManager extends X509ExtendedTrustManager {
    private static final int DNS_NAME = 2;
    private static final int URI = 6;
    private static final int IP_ADDRESS = 7;

    private final X509TrustManager chainCheck;
    private final List<String> acceptedNames;

    SubjectAltNameTrustManager(X509TrustManager chainCheck, List<String> acceptedNames) {
        this.chainCheck = chainCheck;
        this.acceptedNames = acceptedNames;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        chainCheck.checkServerTrusted(chain, authType);
        requireAcceptedName(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    private void requireAcceptedName(X509Certificate certificate) throws CertificateException {
        Collection<List<?>> names = subjectAltNames(certificate);
        for (List<?> name : names) {
            int type = (Integer) name.get(0);
            String value = String.valueOf(name.get(1));
            for (String accepted : acceptedNames) {
                boolean match = type == DNS_NAME
                        ? value.toLowerCase(Locale.ROOT).equals(accepted.toLowerCase(Locale.ROOT))
                        : (type == URI || type == IP_ADDRESS) && value.equals(accepted);
                if (match) {
                    return;
                }
            }
        }
        throw new CertificateException("the server certificate names none of the subjectAltNames " + acceptedNames);
    }

    private static Collection<List<?>> subjectAltNames(X509Certificate certificate)
            throws CertificateParsingException {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        return names == null ? List.of() : names;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        chainCheck.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        chainCheck.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        chainCheck.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chainCheck.getAcceptedIssuers();
    }
}
