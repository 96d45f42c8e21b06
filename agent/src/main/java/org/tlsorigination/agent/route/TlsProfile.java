package org.tlsorigination.agent.route;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to originate TLS for one route: the settings of an Istio {@code ClientTLSSettings} with mode SIMPLE.
 * A value: two routes with equal settings share one TLS context.
 */
public final class TlsProfile {
    private final String sni;
    private final Path caCertificates;
    private final List<String> subjectAltNames;
    private final boolean insecureSkipVerify;

    /**
     * @param sni the server name to send, or null to send the request host
     * @param caCertificates a PEM bundle to trust exclusively, or null for the JVM's default trust store
     * @param subjectAltNames names the server certificate must carry one of; empty to check the host (or sni)
     * @param insecureSkipVerify true to skip both the chain and the name check
     */
    public TlsProfile(String sni, Path caCertificates, List<String> subjectAltNames, boolean insecureSkipVerify) {
        this.sni = sni;
        this.caCertificates = caCertificates;
        this.subjectAltNames = List.copyOf(subjectAltNames);
        this.insecureSkipVerify = insecureSkipVerify;
    }

    public static TlsProfile verifyingDefaults() {
        return new TlsProfile(null, null, List.of(), false);
    }

    public String sni() {
        return sni;
    }

    public Path caCertificates() {
        return caCertificates;
    }

    public List<String> subjectAltNames() {
        return subjectAltNames;
    }

    public boolean insecureSkipVerify() {
        return insecureSkipVerify;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TlsProfile)) {
            return false;
        }
        TlsProfile other = (TlsProfile) o;
        return insecureSkipVerify == other.insecureSkipVerify
                && Objects.equals(sni, other.sni)
                && Objects.equals(caCertificates, other.caCertificates)
                && subjectAltNames.equals(other.subjectAltNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sni, caCertificates, subjectAltNames, insecureSkipVerify);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SIMPLE");
        if (sni != null) {
            s.append(" sni=").append(sni);
        }
        s.append(caCertificates == null ? " ca=default" : " ca=" + caCertificates);
        if (!subjectAltNames.isEmpty()) {
            s.append(" subjectAltNames=").append(subjectAltNames);
        }
        if (insecureSkipVerify) {
            s.append(" insecureSkipVerify");
        }
        return s.toString();
    }
}
