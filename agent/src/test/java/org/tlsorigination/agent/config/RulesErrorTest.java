package org.tlsorigination.agent.config;

import static org.tlsorigination.agent.config.RulesFiles.CNN_SERVICE_ENTRY;
import static org.tlsorigination.agent.config.RulesFiles.assertAt;
import static org.tlsorigination.agent.config.RulesFiles.concat;
import static org.tlsorigination.agent.config.RulesFiles.loadFails;
import static org.tlsorigination.agent.config.RulesFiles.write;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal names the file, the 1-based line and the field path. */
class RulesErrorTest {
    private static final String DR = "DestinationRule originate-tls-for-edition-cnn-com";

    @TempDir
    Path dir;

    /** The CNN ServiceEntry, then a DestinationRule whose spec starts at line 20 with the given lines. */
    private Path withDestinationRule(String... specLines) throws Exception {
        return write(dir, concat(concat(CNN_SERVICE_ENTRY,
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata:",
                "  name: originate-tls-for-edition-cnn-com",
                "spec:"), specLines));
    }

    /** The CNN ServiceEntry, then a VirtualService for edition.cnn.com whose first http rule starts at line 23. */
    private Path withVirtualService(String... httpLines) throws Exception {
        return write(dir, concat(concat(CNN_SERVICE_ENTRY,
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: VirtualService",
                "metadata:",
                "  name: rewrite-port",
                "spec:",
                "  hosts:",
                "  - edition.cnn.com",
                "  http:"), httpLines));
    }

    @Test
    void missingRulesFile() {
        Path file = dir.resolve("absent.yaml");

        assertAt(loadFails(file), file, 0, null, "rules file not found");
    }

    @Test
    void yamlThatDoesNotParse() throws Exception {
        Path file = write(dir,
                "apiVersion: networking.istio.io/v1",
                "kind: ServiceEntry",
                "metadata:",
                "  name: cnn",
                "  hosts: [edition.cnn.com");

        assertAt(loadFails(file), file, 5, null, "not valid YAML: while parsing a flow sequence");
    }

    @Test
    void unknownKind() throws Exception {
        Path file = write(dir,
                "apiVersion: networking.istio.io/v1",
                "kind: Gateway",
                "metadata: {name: gw}");

        assertAt(loadFails(file), file, 2, "kind", "kind Gateway is not supported");
    }

    @Test
    void unknownApiVersion() throws Exception {
        Path file = write(dir, concat(new String[] {"apiVersion: networking.istio.io/v2"},
                java.util.Arrays.copyOfRange(CNN_SERVICE_ENTRY, 1, CNN_SERVICE_ENTRY.length)));

        assertAt(loadFails(file), file, 1, "ServiceEntry cnn: apiVersion",
                "apiVersion networking.istio.io/v2 is not supported");
    }

    @Test
    void portThatIsNotANumber() throws Exception {
        Path file = withDestinationRule(
                "  host: edition.cnn.com",
                "  trafficPolicy:",
                "    portLevelSettings:",
                "    - port:",
                "        number: http");

        assertAt(loadFails(file), file, 24, DR + ": spec.trafficPolicy.portLevelSettings[0].port.number",
                "must be a port number from 1 to 65535, not 'http'");
    }

    @Test
    void portOutOfRange() throws Exception {
        Path file = write(dir, concat(CNN_SERVICE_ENTRY, "  - number: 65536"));

        assertAt(loadFails(file), file, 14, "ServiceEntry cnn: spec.ports[2].number", "port 65536 is out of range");
    }

    @Test
    void destinationRuleHostThatNoServiceEntryDeclares() throws Exception {
        Path file = withDestinationRule(
                "  host: cnn.com",
                "  trafficPolicy: {tls: {mode: SIMPLE}}");

        assertAt(loadFails(file), file, 20, DR + ": spec.host", "cnn.com is not declared by any ServiceEntry");
    }

    @Test
    void virtualServiceHostThatNoServiceEntryDeclares() throws Exception {
        Path file = write(dir, concat(CNN_SERVICE_ENTRY,
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: VirtualService",
                "metadata: {name: www}",
                "spec:",
                "  hosts: [edition.cnn.com, www.cnn.com]",
                "  http: []"));

        assertAt(loadFails(file), file, 19, "VirtualService www: spec.hosts[1]",
                "www.cnn.com is not declared by any ServiceEntry");
    }

    @Test
    void unsupportedField() throws Exception {
        Path file = withDestinationRule(
                "  host: edition.cnn.com",
                "  trafficPolicy:",
                "    tls:",
                "      mode: SIMPLE",
                "      minProtocolVersion: TLSV1_2");

        assertAt(loadFails(file), file, 24, DR + ": spec.trafficPolicy.tls.minProtocolVersion",
                "not supported (supported here: mode, sni, caCertificates, caCrl, subjectAltNames, "
                        + "insecureSkipVerify, clientCertificate, privateKey)");
    }

    @Test
    void credentialNameSaysToMountTheSecret() throws Exception {
        Path file = withDestinationRule(
                "  host: edition.cnn.com",
                "  trafficPolicy:",
                "    tls:",
                "      mode: MUTUAL",
                "      credentialName: cnn-secret");

        assertAt(loadFails(file), file, 24, DR + ": spec.trafficPolicy.tls.credentialName",
                "a Kubernetes secret cannot be read from inside the JVM; mount the secret as files");
    }

    @Test
    void unsupportedTlsMode() throws Exception {
        Path file = withDestinationRule(
                "  host: edition.cnn.com",
                "  trafficPolicy:",
                "    tls:",
                "      mode: ISTIO_MUTUAL");

        assertAt(loadFails(file), file, 23, DR + ": spec.trafficPolicy.tls.mode",
                "ISTIO_MUTUAL needs the mesh's own certificates");
    }

    @Test
    void mutualWithoutAClientCertificate() throws Exception {
        Path file = withDestinationRule(
                "  host: edition.cnn.com",
                "  trafficPolicy:",
                "    tls:",
                "      mode: MUTUAL");

        assertAt(loadFails(file), file, 23, DR + ": spec.trafficPolicy.tls.mode",
                "mode MUTUAL needs clientCertificate (a PEM file)");
    }

    @Test
    void clientCertificateWithSimpleMode() throws Exception {
        Files.writeString(dir.resolve("client.pem"), "not read here");
        Path file = withDestinationRule(
                "  host: edition.cnn.com",
                "  trafficPolicy:",
                "    tls:",
                "      mode: SIMPLE",
                "      clientCertificate: client.pem");

        assertAt(loadFails(file), file, 24, DR + ": spec.trafficPolicy.tls.clientCertificate",
                "a client certificate is sent only with mode MUTUAL");
    }

    @Test
    void missingCaCertificatesFile() throws Exception {
        Path file = withDestinationRule(
                "  host: edition.cnn.com",
                "  trafficPolicy:",
                "    tls:",
                "      mode: SIMPLE",
                "      caCertificates: certs/absent.pem");

        assertAt(loadFails(file), file, 24, DR + ": spec.trafficPolicy.tls.caCertificates",
                "file " + dir.resolve("certs/absent.pem").toAbsolutePath() + " does not exist");
    }

    @Test
    void virtualServiceRouteToPortTheServiceEntryDoesNotDeclare() throws Exception {
        Path file = withVirtualService(
                "  - match:",
                "    - port: 80",
                "    route:",
                "    - destination:",
                "        host: edition.cnn.com",
                "        port:",
                "          number: 8443");

        assertAt(loadFails(file), file, 29, "VirtualService rewrite-port: spec.http[0].route[0].destination.port.number",
                "port 8443 is not declared by ServiceEntry cnn for edition.cnn.com (declared: 80, 443)");
    }

    @Test
    void virtualServiceMatchOnPortTheServiceEntryDoesNotDeclare() throws Exception {
        Path file = withVirtualService(
                "  - match: [{port: 8080}]",
                "    route: [{destination: {host: edition.cnn.com, port: {number: 443}}}]");

        assertAt(loadFails(file), file, 23, "VirtualService rewrite-port: spec.http[0].match[0].port",
                "port 8080 is not declared");
    }

    @Test
    void virtualServiceRouteToAnotherHost() throws Exception {
        Path file = withVirtualService(
                "  - route: [{destination: {host: www.cnn.com, port: {number: 443}}}]");

        assertAt(loadFails(file), file, 23, "VirtualService rewrite-port: spec.http[0].route[0].destination.host",
                "routing to a different host is not supported yet");
    }

    @Test
    void portRewriteWithoutTls() throws Exception {
        Path file = withVirtualService(
                "  - match: [{port: 80}]",
                "    route: [{destination: {host: edition.cnn.com, port: {number: 443}}}]");

        assertAt(loadFails(file), file, 24, "VirtualService rewrite-port: spec.http[0].route[0].destination.port.number",
                "edition.cnn.com:80 would go to port 443 without TLS origination");
    }

    @Test
    void targetPortWithoutTls() throws Exception {
        Path file = write(dir, concat(CNN_SERVICE_ENTRY, "  - number: 8080", "    targetPort: 8443"));

        assertAt(loadFails(file), file, 15, "ServiceEntry cnn: spec.ports[2].targetPort",
                "edition.cnn.com:8080 would go to port 8443 without TLS origination");
    }

    @Test
    void unsupportedVirtualServiceFeature() throws Exception {
        Path file = withVirtualService(
                "  - match: [{uri: {prefix: /politics}}]",
                "    route: [{destination: {host: edition.cnn.com}}]");

        assertAt(loadFails(file), file, 23, "VirtualService rewrite-port: spec.http[0].match[0].uri",
                "not supported (supported here: name, port)");
    }

    @Test
    void misspelledFieldIsNotIgnored() throws Exception {
        Path file = withDestinationRule(
                "  host: edition.cnn.com",
                "  trafficPolicy:",
                "    tls: {mode: SIMPLE, subjectAltName: [edition.cnn.com]}");

        assertAt(loadFails(file), file, 22, DR + ": spec.trafficPolicy.tls.subjectAltName", "not supported");
    }

    @Test
    void bareWildcardHost() throws Exception {
        Path file = write(dir,
                "apiVersion: networking.istio.io/v1",
                "kind: ServiceEntry",
                "metadata: {name: all}",
                "spec:",
                "  hosts: ['*']",
                "  ports: [{number: 80}]");

        assertAt(loadFails(file), file, 5, "ServiceEntry all: spec.hosts[0]", "a bare '*' would match every host");
    }

    @Test
    void wildcardInsideHostName() throws Exception {
        Path file = write(dir,
                "apiVersion: networking.istio.io/v1",
                "kind: ServiceEntry",
                "metadata: {name: all}",
                "spec:",
                "  hosts:",
                "  - edition.*.com",
                "  ports: [{number: 80}]");

        assertAt(loadFails(file), file, 6, "ServiceEntry all: spec.hosts[0]", "only a leading '*.' wildcard");
    }

    @Test
    void missingResourceName() throws Exception {
        Path file = write(dir,
                "apiVersion: networking.istio.io/v1",
                "kind: ServiceEntry",
                "metadata:",
                "  namespace: default",
                "spec: {hosts: [edition.cnn.com], ports: [{number: 80}]}");

        assertAt(loadFails(file), file, 4, "ServiceEntry: metadata.name", "required field is missing");
    }

    @Test
    void globalTagIsRefusedWhileParsing() throws Exception {
        Path file = write(dir, concat(CNN_SERVICE_ENTRY, "    protocol: !!javax.script.ScriptEngineManager HTTP"));

        assertAt(loadFails(file), file, 14, null, "Global tag is not allowed");
    }

    @Test
    void localTagIsRefused() throws Exception {
        Path file = write(dir, concat(CNN_SERVICE_ENTRY, "    protocol: !custom HTTP"));

        assertAt(loadFails(file), file, 14, "ServiceEntry cnn: spec.ports[1].protocol", "tag !custom is not allowed");
    }

    @Test
    void duplicateField() throws Exception {
        Path file = write(dir, concat(CNN_SERVICE_ENTRY, "    name: again"));

        assertAt(loadFails(file), file, 14, "ServiceEntry cnn: spec.ports[1].name", "duplicate field");
    }

    @Test
    void yesIsNotABoolean() throws Exception {
        Path file = withDestinationRule(
                "  host: edition.cnn.com",
                "  trafficPolicy: {tls: {mode: SIMPLE, insecureSkipVerify: yes}}");

        assertAt(loadFails(file), file, 21, DR + ": spec.trafficPolicy.tls.insecureSkipVerify",
                "must be true or false, not 'yes'");
    }

    @Test
    void secondServiceEntryForTheSameHost() throws Exception {
        Path file = write(dir, concat(concat(CNN_SERVICE_ENTRY, "---"), CNN_SERVICE_ENTRY));

        assertAt(loadFails(file), file, 21, "ServiceEntry cnn: spec.hosts[0]",
                "edition.cnn.com is already named by ServiceEntry cnn");
    }
}
