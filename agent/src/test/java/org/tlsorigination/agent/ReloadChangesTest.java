package org.tlsorigination.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload's log line says what changed: routes added, removed or changed, and TLS material rotated. */
class ReloadChangesTest {

    @TempDir
    Path dir;

    @Test
    void routesAddedRemovedAndChangedAreNamed() throws Exception {
        RulesRouter before = load("- {host: a.example, port: 80}", "- {host: b.example, port: 80}");
        RulesRouter after = load("- {host: a.example, port: 80, targetPort: 8443}", "- {host: c.example, port: 80}");

        assertEquals("routes added c.example:80; routes removed b.example:80; routes changed a.example:80",
                after.changesSince(before));
    }

    @Test
    void aRotatedCaIsNamedAndAnEditThatChangesNothingSaysSo() throws Exception {
        Path ca = TestCertificates.selfSigned("EC", "first CA").writeCertificate(dir.resolve("ca.pem"));
        RulesRouter before = load("- {host: a.example, port: 80, tls: {caCertificates: " + ca + "}}");
        TestCertificates.selfSigned("EC", "second CA").writeCertificate(ca);
        RulesRouter rotated = load("- {host: a.example, port: 80, tls: {caCertificates: " + ca + "}}");
        RulesRouter commented = load("- {host: a.example, port: 80, tls: {caCertificates: " + ca + "}}  # same");

        assertEquals("TLS material rotated " + ca.toAbsolutePath(), rotated.changesSince(before));
        assertEquals("the file changed, its routes and TLS material did not", commented.changesSince(rotated));
        assertEquals("its routes and TLS material are as before", commented.changesSince(commented));
    }

    private RulesRouter load(String... originate) throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), "originate:\n" + String.join("\n", originate) + "\n");
        return RulesRouter.load(rules, 1000, null);
    }
}
