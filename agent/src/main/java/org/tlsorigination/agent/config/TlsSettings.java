package org.tlsorigination.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tlsorigination.agent.route.TlsProfile;

/** An Istio {@code ClientTLSSettings} block: mode SIMPLE originates TLS, DISABLE (the default) does not. */
final class TlsSettings {
    private final boolean simple;
    private final TlsProfile profile;
    private final YamlField insecureSkipVerify;

    private TlsSettings(boolean simple, TlsProfile profile, YamlField insecureSkipVerify) {
        this.simple = simple;
        this.profile = profile;
        this.insecureSkipVerify = insecureSkipVerify;
    }

    /** @param baseDirectory the rules file's directory, against which a relative caCertificates path resolves */
    static TlsSettings parse(YamlField field, Path baseDirectory, List<String> notes) throws ConfigException {
        YamlMapping tls = field.mapping();
        tls.allowOnly("mode", "sni", "caCertificates", "subjectAltNames", "insecureSkipVerify");
        boolean simple = simple(tls.get("mode"));
        String sni = tls.get("sni").optionalString();
        Path caCertificates = caCertificates(tls.get("caCertificates"), baseDirectory);
        List<String> subjectAltNames = new ArrayList<>();
        for (YamlField name : tls.get("subjectAltNames").optionalList()) {
            subjectAltNames.add(name.string());
        }
        YamlField insecure = tls.get("insecureSkipVerify");
        boolean skipVerify = insecure.bool(false);
        if (!simple && (sni != null || caCertificates != null || !subjectAltNames.isEmpty() || skipVerify)) {
            notes.add(field.describe("mode is DISABLE, so the other TLS settings here are ignored"));
        }
        return new TlsSettings(simple, new TlsProfile(sni, caCertificates, subjectAltNames, skipVerify), insecure);
    }

    private static boolean simple(YamlField mode) throws ConfigException {
        if (!mode.isPresent()) {
            return false;
        }
        String value = mode.string();
        switch (value) {
            case "SIMPLE":
                return true;
            case "DISABLE":
                return false;
            case "MUTUAL":
            case "ISTIO_MUTUAL":
                throw mode.error("mode " + value + " is not supported yet (supported: SIMPLE, DISABLE)");
            default:
                throw mode.error("'" + value + "' is not a TLS mode (supported: SIMPLE, DISABLE)");
        }
    }

    private static Path caCertificates(YamlField field, Path baseDirectory) throws ConfigException {
        if (!field.isPresent()) {
            return null;
        }
        Path file = baseDirectory.resolve(field.string()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw field.error("CA certificates file " + file + " does not exist");
        }
        if (!Files.isReadable(file)) {
            throw field.error("CA certificates file " + file + " is not readable");
        }
        return file;
    }

    boolean originates() {
        return simple;
    }

    TlsProfile profile() {
        return profile;
    }

    /** The insecureSkipVerify field, for warnings; absent when it was not set. */
    YamlField insecureSkipVerify() {
        return insecureSkipVerify;
    }
}
