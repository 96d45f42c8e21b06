package org.tlsorigination.agent.route;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to originate TLS for one route: the settings of an Istio {@code ClientTLSSettings} with mode SIMPLE or MUTUAL.
 * A value: routes with equal settings share one TLS context. Files are named, never read, here.
 */
public final class TlsProfile {
    public static final String TLS_1_2 = "TLSv1.2";
    public static final String TLS_1_3 = "TLSv1.3";
    private static final List<String> HTTP_1_1 = List.of("http/1.1");

    private final String sni;
    private final Path caCertificates;
    private final Path caCrl;
    private final List<String> subjectAltNames;
    private final boolean insecureSkipVerify;
    private final Path clientCertificate;
    private final Path privateKey;
    private final String minProtocolVersion;
    private final List<String> cipherSuites;
    private final List<String> alpn;

    private TlsProfile(Builder builder) {
        this.sni = builder.sni;
        this.caCertificates = builder.caCertificates;
        this.caCrl = builder.caCrl;
        this.subjectAltNames = List.copyOf(builder.subjectAltNames);
        this.insecureSkipVerify = builder.insecureSkipVerify;
        this.clientCertificate = builder.clientCertificate;
        this.privateKey = builder.privateKey;
        this.minProtocolVersion = builder.minProtocolVersion;
        this.cipherSuites = List.copyOf(builder.cipherSuites);
        this.alpn = List.copyOf(builder.alpn);
    }

    public static TlsProfile verifyingDefaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The server name to send, or null to send the request host. */
    public String sni() {
        return sni;
    }

    /** A PEM bundle to trust exclusively, or null for the JVM's default trust store. */
    public Path caCertificates() {
        return caCertificates;
    }

    /** A CRL file (PEM or DER) the server's chain is checked against, or null. */
    public Path caCrl() {
        return caCrl;
    }

    /** Names the server certificate must carry one of; empty to check the host (or sni). */
    public List<String> subjectAltNames() {
        return subjectAltNames;
    }

    /** True to skip both the chain and the name check. */
    public boolean insecureSkipVerify() {
        return insecureSkipVerify;
    }

    /** MUTUAL: the PEM certificate chain presented to the server, or null for SIMPLE. */
    public Path clientCertificate() {
        return clientCertificate;
    }

    /** MUTUAL: the PEM private key of {@link #clientCertificate()}, or null for SIMPLE. */
    public Path privateKey() {
        return privateKey;
    }

    public boolean mutual() {
        return clientCertificate != null;
    }

    /** {@code TLSv1.2} (the default) or {@code TLSv1.3}. */
    public String minProtocolVersion() {
        return minProtocolVersion;
    }

    /** The cipher suites to offer, in order; empty for the JVM's defaults. */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** The ALPN protocols to offer: {@code http/1.1} unless a rule says otherwise, so h2 is never chosen unasked. */
    public List<String> alpn() {
        return alpn;
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
                && Objects.equals(caCrl, other.caCrl)
                && subjectAltNames.equals(other.subjectAltNames)
                && Objects.equals(clientCertificate, other.clientCertificate)
                && Objects.equals(privateKey, other.privateKey)
                && minProtocolVersion.equals(other.minProtocolVersion)
                && cipherSuites.equals(other.cipherSuites)
                && alpn.equals(other.alpn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sni, caCertificates, caCrl, subjectAltNames, insecureSkipVerify, clientCertificate,
                privateKey, minProtocolVersion, cipherSuites, alpn);
    }

    /** Names files but never their contents, so it is safe to log. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(mutual() ? "MUTUAL" : "SIMPLE");
        if (sni != null) {
            s.append(" sni=").append(sni);
        }
        s.append(caCertificates == null ? " ca=default" : " ca=" + caCertificates);
        if (caCrl != null) {
            s.append(" crl=").append(caCrl);
        }
        if (!subjectAltNames.isEmpty()) {
            s.append(" subjectAltNames=").append(subjectAltNames);
        }
        if (mutual()) {
            s.append(" clientCertificate=").append(clientCertificate);
        }
        if (!minProtocolVersion.equals(TLS_1_2)) {
            s.append(" min=").append(minProtocolVersion);
        }
        if (!cipherSuites.isEmpty()) {
            s.append(" cipherSuites=").append(cipherSuites);
        }
        if (!alpn.equals(HTTP_1_1)) {
            s.append(" alpn=").append(alpn);
        }
        if (insecureSkipVerify) {
            s.append(" insecureSkipVerify");
        }
        return s.toString();
    }

    public static final class Builder {
        private String sni;
        private Path caCertificates;
        private Path caCrl;
        private List<String> subjectAltNames = List.of();
        private boolean insecureSkipVerify;
        private Path clientCertificate;
        private Path privateKey;
        private String minProtocolVersion = TLS_1_2;
        private List<String> cipherSuites = List.of();
        private List<String> alpn = HTTP_1_1;

        private Builder() {
        }

        public Builder sni(String name) {
            this.sni = name;
            return this;
        }

        public Builder caCertificates(Path file) {
            this.caCertificates = file;
            return this;
        }

        public Builder caCrl(Path file) {
            this.caCrl = file;
            return this;
        }

        public Builder subjectAltNames(List<String> names) {
            this.subjectAltNames = names;
            return this;
        }

        public Builder insecureSkipVerify(boolean skip) {
            this.insecureSkipVerify = skip;
            return this;
        }

        /** Both or neither: a client certificate is useless without its key. */
        public Builder clientIdentity(Path certificateChain, Path key) {
            if ((certificateChain == null) != (key == null)) {
                throw new IllegalArgumentException("a client certificate needs its private key, and the other way round");
            }
            this.clientCertificate = certificateChain;
            this.privateKey = key;
            return this;
        }

        public Builder minProtocolVersion(String version) {
            if (!TLS_1_2.equals(version) && !TLS_1_3.equals(version)) {
                throw new IllegalArgumentException("TLS " + version + " is not offered; use " + TLS_1_2 + " or "
                        + TLS_1_3);
            }
            this.minProtocolVersion = version;
            return this;
        }

        public Builder cipherSuites(List<String> suites) {
            this.cipherSuites = suites;
            return this;
        }

        public Builder alpn(List<String> protocols) {
            this.alpn = protocols;
            return this;
        }

        public TlsProfile build() {
            return new TlsProfile(this);
        }
    }
}
