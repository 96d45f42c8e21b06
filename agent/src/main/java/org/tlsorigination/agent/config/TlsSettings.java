package org.tlsorigination.agent.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tlsorigination.agent.files.FileKind;
import org.tlsorigination.agent.route.TlsProfile;

/**
 * An Istio {@code ClientTLSSettings} block: modes SIMPLE and MUTUAL originate TLS, DISABLE (the default) does not.
 * File fields are resolved against the rules file's directory and must be regular files; their contents are read by
 * the TLS layer, never here.
 */
final class TlsSettings {
    private static final String SUPPORTED_MODES = "(supported: SIMPLE, MUTUAL, DISABLE)";

    private final YamlField field;
    private final boolean originates;
    private final TlsProfile profile;
    private final YamlField insecureSkipVerify;

    private TlsSettings(YamlField field, boolean originates, TlsProfile profile, YamlField insecureSkipVerify) {
        this.field = field.detached();
        this.originates = originates;
        this.profile = profile;
        this.insecureSkipVerify = insecureSkipVerify.detached();
    }

    static TlsSettings parse(YamlField field, ReferencedFiles files, List<String> notes) throws ConfigException {
        YamlMapping tls = field.mapping();
        rejectCredentialName(tls.get("credentialName"));
        tls.allowOnly("mode", "sni", "caCertificates", "caCrl", "subjectAltNames", "insecureSkipVerify",
                "clientCertificate", "privateKey");
        YamlField mode = tls.get("mode");
        String modeName = mode.isPresent() ? mode.string() : "DISABLE";
        YamlField insecure = tls.get("insecureSkipVerify");
        TlsProfile.Builder profile = verification(tls, files);
        YamlField certificate = tls.get("clientCertificate");
        YamlField key = tls.get("privateKey");
        switch (modeName) {
            case "SIMPLE":
                if (certificate.isPresent() || key.isPresent()) {
                    throw (certificate.isPresent() ? certificate : key)
                            .error("a client certificate is sent only with mode MUTUAL");
                }
                return new TlsSettings(field, true, profile.build(), insecure);
            case "MUTUAL":
                profile.clientIdentity(required(certificate, "clientCertificate", mode, files, FileKind.CERTIFICATES),
                        required(key, "privateKey", mode, files, FileKind.PRIVATE_KEY));
                return new TlsSettings(field, true, profile.build(), insecure);
            case "DISABLE":
                if (tls.size() > (mode.isPresent() ? 1 : 0)) {
                    notes.add(field.describe("mode is DISABLE, so the other TLS settings here are ignored"));
                }
                return new TlsSettings(field, false, profile.build(), insecure);
            case "ISTIO_MUTUAL":
                throw mode.error("ISTIO_MUTUAL needs the mesh's own certificates, which do not exist in-process; use "
                        + "MUTUAL with clientCertificate, privateKey and caCertificates " + SUPPORTED_MODES);
            default:
                throw mode.error("'" + modeName + "' is not a TLS mode " + SUPPORTED_MODES);
        }
    }

    /** The fields both forms share: what the server must prove, and the name it is asked for. */
    static TlsProfile.Builder verification(YamlMapping tls, ReferencedFiles files) throws ConfigException {
        return TlsProfile.builder()
                .sni(tls.get("sni").optionalString())
                .caCertificates(files.file(tls.get("caCertificates"), FileKind.CERTIFICATES))
                .caCrl(files.file(tls.get("caCrl"), FileKind.CRL))
                .subjectAltNames(strings(tls.get("subjectAltNames")))
                .insecureSkipVerify(tls.get("insecureSkipVerify").bool(false));
    }

    static List<String> strings(YamlField list) throws ConfigException {
        List<String> strings = new ArrayList<>();
        for (YamlField item : list.optionalList()) {
            strings.add(item.string());
        }
        return strings;
    }

    private static void rejectCredentialName(YamlField credentialName) throws ConfigException {
        if (credentialName.isPresent()) {
            throw credentialName.error("a Kubernetes secret cannot be read from inside the JVM; mount the secret as "
                    + "files and name them in clientCertificate, privateKey and caCertificates");
        }
    }

    private static Path required(YamlField file, String name, YamlField mode, ReferencedFiles files, FileKind kind)
            throws ConfigException {
        if (!file.isPresent()) {
            throw mode.error("mode MUTUAL needs " + name + " (a PEM file)");
        }
        return files.file(file, kind);
    }

    /** The {@code tls} block itself. */
    YamlField field() {
        return field;
    }

    boolean originates() {
        return originates;
    }

    TlsProfile profile() {
        return profile;
    }

    /** The insecureSkipVerify field, for warnings; absent when it was not set. */
    YamlField insecureSkipVerify() {
        return insecureSkipVerify;
    }
}
