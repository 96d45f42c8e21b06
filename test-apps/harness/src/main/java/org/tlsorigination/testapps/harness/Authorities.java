package org.tlsorigination.testapps.harness;

import java.io.IOException;
import java.nio.file.Path;

/** The certificate authorities of the fail-closed matrix, and the CA bundle a rule may name instead of the JVM's. */
final class Authorities {
    static final String NO_TRUSTED_PATH = "PKIX path building failed|unable to find valid certification path";

    /** The one CA in the app's JVM trust store. */
    final CertificateAuthority jvm = CertificateAuthority.create("JVM-trusted CA");
    /** A CA nobody trusts. */
    final CertificateAuthority stranger = CertificateAuthority.create("stranger CA");
    /** The CA of the rule's {@code caCertificates} bundle, which the JVM does not trust. */
    final CertificateAuthority bundled = CertificateAuthority.create("bundled CA");
    /** The bundle: {@link #bundled}'s certificate alone. */
    final Path bundle;

    Authorities(Path directory) throws IOException {
        bundle = bundled.writeCertificatePem(directory.resolve("bundle.pem"));
    }
}
