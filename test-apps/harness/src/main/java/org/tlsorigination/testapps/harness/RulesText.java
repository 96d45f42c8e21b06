package org.tlsorigination.testapps.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rules files for edition.cnn.com on a stand-in's ports, in the newer single-ServiceEntry form. */
public final class RulesText {

    private RulesText() {
    }

    /** The plain port is declared, and nothing originates: requests go out as the app sends them. */
    public static String passing(int plainPort) {
        return String.join("\n", serviceEntry(plainPort, plainPort)) + "\n";
    }

    /** The plain port goes to the TLS port with the given {@code tls} fields, e.g. {@code "mode: SIMPLE"}. */
    public static String originating(int plainPort, int tlsPort, String... tlsFields) {
        List<String> rules = serviceEntry(plainPort, tlsPort);
        rules.addAll(Arrays.asList(
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: cnn}",
                "spec:",
                "  host: " + SeedStage.HOST,
                "  trafficPolicy:",
                "    tls:"));
        for (String field : tlsFields) {
            rules.add("      " + field);
        }
        return String.join("\n", rules) + "\n";
    }

    /** The same in the agent's short form, whose {@code tls} block also takes versions, ciphers and ALPN. */
    public static String shortForm(int plainPort, int tlsPort, String... tlsFields) {
        List<String> rules = new ArrayList<>(Arrays.asList(
                "originate:",
                "- host: " + SeedStage.HOST,
                "  port: " + plainPort,
                "  targetPort: " + tlsPort,
                "  tls:"));
        for (String field : tlsFields) {
            rules.add("    " + field);
        }
        return String.join("\n", rules) + "\n";
    }

    /** The short form with Istio's REGISTRY_ONLY: edition.cnn.com is originated, any host it does not name refused. */
    public static String registryOnly(int plainPort, int tlsPort) {
        return String.join("\n",
                "outboundTrafficPolicy: {mode: REGISTRY_ONLY}",
                "originate:",
                "- host: " + SeedStage.HOST,
                "  port: " + plainPort,
                "  targetPort: " + tlsPort) + "\n";
    }

    private static List<String> serviceEntry(int plainPort, int targetPort) {
        return new ArrayList<>(Arrays.asList(
                "apiVersion: networking.istio.io/v1",
                "kind: ServiceEntry",
                "metadata: {name: cnn}",
                "spec:",
                "  hosts: [" + SeedStage.HOST + "]",
                "  ports:",
                "  - {number: " + plainPort + ", name: http, protocol: HTTP, targetPort: " + targetPort + "}"));
    }
}
