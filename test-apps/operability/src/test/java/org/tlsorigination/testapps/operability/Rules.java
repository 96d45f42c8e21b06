package org.tlsorigination.testapps.operability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.tlsorigination.testapps.harness.SeedStage;

/** Rules files for the stand-in's ports, and how a file is replaced under a running agent. */
final class Rules {

    private Rules() {
    }

    /** edition.cnn.com's plain port goes over TLS to its TLS port, trusting only {@code ca}. */
    static String originating(int plainPort, int tlsPort, Path ca) {
        return String.join("\n",
                "apiVersion: networking.istio.io/v1",
                "kind: ServiceEntry",
                "metadata: {name: cnn}",
                "spec:",
                "  hosts: [" + SeedStage.HOST + "]",
                "  ports:",
                "  - {number: " + plainPort + ", name: http, protocol: HTTP, targetPort: " + tlsPort + "}",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: cnn}",
                "spec:",
                "  host: " + SeedStage.HOST,
                "  trafficPolicy:",
                "    tls: {mode: SIMPLE, caCertificates: " + ca + "}", "");
    }

    /** Rules that name another host only, so edition.cnn.com is a destination no rule covers. */
    static String otherHostOnly(String policy) {
        return String.join("\n",
                "outboundTrafficPolicy: {mode: " + policy + "}",
                "allow:",
                "- {host: api.internal, port: 8080}", "");
    }

    /** As an editor or a ConfigMap update does it: a new file renamed over the old. */
    static void replace(Path file, String content) throws IOException {
        Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".new"), content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
