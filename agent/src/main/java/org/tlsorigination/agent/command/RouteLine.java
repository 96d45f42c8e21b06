package org.tlsorigination.agent.command;

import java.util.List;
import org.tlsorigination.agent.route.Decision;
import org.tlsorigination.agent.route.TlsProfile;

/**
 * One route as {@code check} and {@code explain} print it: {@code name=value} fields separated by spaces, in a fixed
 * order, so scripts can read them. Files are named, never read or printed.
 */
final class RouteLine {
    private static final List<String> HTTP_1_1 = List.of("http/1.1");

    private RouteLine() {
    }

    /** {@code host=... port=... targetPort=... tls=... sni=... trust=... verify=... clientCertificate=...} */
    static String of(String host, int port, Decision decision) {
        StringBuilder line = new StringBuilder("host=").append(host).append(" port=").append(port);
        if (!decision.originates()) {
            return line.append(" tls=none").toString();
        }
        TlsProfile tls = decision.tls();
        line.append(" targetPort=").append(decision.port()).append(" tls=").append(tls.mutual() ? "MUTUAL" : "SIMPLE");
        line.append(" sni=").append(tls.sni() != null ? tls.sni() : host.startsWith("*.") ? "<request-host>" : host);
        line.append(" trust=").append(tls.caCertificates() == null ? "jvm-default" : tls.caCertificates().toString());
        if (tls.caCrl() != null) {
            line.append(" crl=").append(tls.caCrl());
        }
        line.append(" verify=").append(tls.insecureSkipVerify() ? "insecureSkipVerify"
                : tls.subjectAltNames().isEmpty() ? "hostname" : "subjectAltNames:" + String.join(",",
                tls.subjectAltNames()));
        line.append(" clientCertificate=").append(tls.mutual() ? tls.clientCertificate().toString() : "none");
        if (!tls.minProtocolVersion().equals(TlsProfile.TLS_1_2)) {
            line.append(" minProtocolVersion=").append(tls.minProtocolVersion());
        }
        if (!tls.cipherSuites().isEmpty()) {
            line.append(" cipherSuites=").append(String.join(",", tls.cipherSuites()));
        }
        if (!tls.alpn().equals(HTTP_1_1)) {
            line.append(" alpn=").append(String.join(",", tls.alpn()));
        }
        return line.toString();
    }
}
