package org.tlsorigination.testapps.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The servers of the fail-closed matrix, each on a TLS port that a rule originates to: all but the last must fail
 * the request, naming the host and a reason the pattern matches. The app's JVM trusts only {@link Authorities#jvm}.
 */
enum FailClosedServer {
    EXPIRED("expired", "validity check failed|expired|NotAfter") {
        @Override
        StandInServer.Builder server(Authorities authorities) {
            Instant now = Instant.now();
            return presenting(authorities.jvm.issueValidBetween(now.minus(Duration.ofDays(2)),
                    now.minus(Duration.ofDays(1)), SeedStage.HOST));
        }
    },
    NOT_YET_VALID("not yet valid", "validity check failed|not yet valid|NotBefore") {
        @Override
        StandInServer.Builder server(Authorities authorities) {
            Instant now = Instant.now();
            return presenting(authorities.jvm.issueValidBetween(now.plus(Duration.ofDays(1)),
                    now.plus(Duration.ofDays(2)), SeedStage.HOST));
        }
    },
    WRONG_NAME("another name", "No subject alternative DNS name matching " + Pattern.quote(SeedStage.HOST)) {
        @Override
        StandInServer.Builder server(Authorities authorities) {
            return presenting(authorities.jvm.issue("wrong.example"));
        }
    },
    SELF_SIGNED("self-signed", Authorities.NO_TRUSTED_PATH) {
        @Override
        StandInServer.Builder server(Authorities authorities) {
            return presenting(CertificateAuthority.selfSigned(SeedStage.HOST));
        }
    },
    UNTRUSTED_CA("untrusted CA", Authorities.NO_TRUSTED_PATH) {
        @Override
        StandInServer.Builder server(Authorities authorities) {
            return presenting(authorities.stranger.issue(SeedStage.HOST));
        }
    },
    NO_INTERMEDIATE("chain lacks its intermediate", Authorities.NO_TRUSTED_PATH) {
        @Override
        StandInServer.Builder server(Authorities authorities) {
            return presenting(authorities.jvm.intermediate("issuing CA").issue(SeedStage.HOST).withoutIssuer());
        }
    },
    SILENT("accepts TCP, never answers", "timed out|timeout|1000 MILLISECONDS") {
        @Override
        StandInServer.Builder server(Authorities authorities) {
            return presenting(authorities.jvm.issue(SeedStage.HOST)).silentTls();
        }
    },
    RESET("resets mid-handshake", "reset|terminated the handshake|closed|Broken pipe|EOF") {
        @Override
        StandInServer.Builder server(Authorities authorities) {
            return presenting(authorities.jvm.issue(SeedStage.HOST))
                    .tlsBehaviour(TlsPort.Behaviour.RESETS_THE_HANDSHAKE);
        }
    },
    PLAIN_HTTP("plain HTTP on the TLS port", "unrecognized SSL message|not an SSL/TLS record") {
        @Override
        StandInServer.Builder server(Authorities authorities) {
            return presenting(authorities.jvm.issue(SeedStage.HOST))
                    .tlsBehaviour(TlsPort.Behaviour.SPEAKS_PLAIN_HTTP);
        }
    },
    TLS_1_0("TLS 1.0 only", "protocol_version|No appropriate protocol") {
        @Override
        StandInServer.Builder server(Authorities authorities) {
            return presenting(authorities.jvm.issue(SeedStage.HOST)).tlsProtocols("TLSv1");
        }
    },
    CIPHER_SUITE("cipher suite outside the rule's", "handshake_failure|no cipher suites in common") {
        @Override
        StandInServer.Builder server(Authorities authorities) {
            return presenting(authorities.jvm.issue(SeedStage.HOST)).tlsProtocols("TLSv1.3")
                    .cipherSuites("TLS_AES_128_GCM_SHA256");
        }

        @Override
        List<String> tlsFields(Authorities authorities) {
            return List.of("cipherSuites: [TLS_AES_256_GCM_SHA384]");
        }
    },
    /** The JVM trusts the server's CA; the rule's bundle does not, and only the bundle counts. */
    BUNDLE_EXCLUDES_ITS_CA("caCertificates without its CA", Authorities.NO_TRUSTED_PATH) {
        @Override
        StandInServer.Builder server(Authorities authorities) {
            return presenting(authorities.jvm.issue(SeedStage.HOST));
        }

        @Override
        List<String> tlsFields(Authorities authorities) {
            return List.of("caCertificates: " + authorities.bundle);
        }
    },
    /** The JVM does not trust the server's CA; the rule's bundle does, so the request succeeds. */
    BUNDLE_ALONE("caCertificates alone (succeeds)", null) {
        @Override
        StandInServer.Builder server(Authorities authorities) {
            return presenting(authorities.bundled.issue(SeedStage.HOST));
        }

        @Override
        List<String> tlsFields(Authorities authorities) {
            return List.of("caCertificates: " + authorities.bundle);
        }
    };

    private final String title;
    private final Pattern reason;

    FailClosedServer(String title, String reason) {
        this.title = title;
        this.reason = reason == null ? null : Pattern.compile(reason, Pattern.CASE_INSENSITIVE);
    }

    abstract StandInServer.Builder server(Authorities authorities);

    /** The rule's {@code tls} fields in the short form; the JVM's trust and the defaults unless overridden. */
    List<String> tlsFields(Authorities authorities) {
        return List.of();
    }

    String title() {
        return title;
    }

    boolean mustFail() {
        return reason != null;
    }

    /** Whether the app's report of the failure names its reason. */
    boolean namesTheReason(String report) {
        return reason.matcher(report).find();
    }

    private static StandInServer.Builder presenting(IssuedCertificate certificate) {
        return StandInServer.builder(certificate.sslContext());
    }
}
