package org.tlsorigination.testapps.operability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.AgentUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code config/kubernetes/}: every manifest parses, they refer to one another by the names and paths they declare,
 * and the ConfigMap's rules are the seed's, which {@code check} accepts.
 */
class KubernetesRecipeTest {
    private static final Path RECIPE = AgentUnderTest.config("kubernetes");

    @TempDir
    Path dir;

    @Test
    void theManifestsFitTogetherAndTheirRulesPassCheck() throws Exception {
        Map<String, Map<String, Object>> byKind = manifests();
        assertEquals(List.of("ConfigMap", "Deployment", "Secret"), byKind.keySet().stream().sorted()
                .collect(Collectors.toList()));

        Map<String, Object> configMap = byKind.get("ConfigMap");
        String rules = (String) map(configMap, "data").get("rules.yaml");
        assertEquals(Files.readString(AgentUnderTest.config("edition-cnn-com.yaml")), rules);

        Map<String, Object> pod = map(map(byKind.get("Deployment"), "spec", "template"), "spec");
        Map<String, Map<String, Object>> volumes = byName(list(pod, "volumes"));
        assertEquals(Map.of(), volumes.get("agent").get("emptyDir"));
        assertEquals(name(configMap), map(volumes.get("rules"), "configMap").get("name"));
        assertEquals(name(byKind.get("Secret")), map(volumes.get("client"), "secret").get("secretName"));

        Map<String, Object> init = list(pod, "initContainers").get(0);
        String agentDir = mounts(init).get("agent");
        assertEquals(List.of("cp", "/tls-origination-agent.jar", agentDir + "/tls-origination-agent.jar"),
                init.get("command"));
        Map<String, Object> app = list(pod, "containers").get(0);
        Map<String, String> env = list(app, "env").stream().collect(Collectors.toMap(
                e -> (String) e.get("name"), e -> (String) e.get("value")));
        assertEquals("-javaagent:" + mounts(app).get("agent") + "/tls-origination-agent.jar",
                env.get("JAVA_TOOL_OPTIONS"));
        assertEquals(mounts(app).get("rules") + "/rules.yaml", env.get("TLSORIGINATION_RULES"));
        assertTrue(env.get("TLSORIGINATION_REPORT").startsWith(mounts(app).get("report") + "/"), env::toString);
        assertTrue(Files.readString(RECIPE.resolve("Dockerfile"))
                .contains("COPY agent/target/tls-origination-agent.jar /tls-origination-agent.jar"));

        Path mounted = Files.writeString(dir.resolve("rules.yaml"), rules);
        ChildJvm.Result check = AgentCommandLine.run("check", mounted.toString());
        assertEquals(0, check.exitCode(), check::toString);
        assertTrue(check.stdout().contains("route host=edition.cnn.com port=80 targetPort=443 tls=SIMPLE "),
                check::toString);
    }

    /** Each document of every manifest by kind, parsed as YAML of untrusted origin is. */
    private static Map<String, Map<String, Object>> manifests() throws IOException {
        Map<String, Map<String, Object>> byKind = new HashMap<>();
        try (Stream<Path> files = Files.list(RECIPE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).collect(Collectors.toList())) {
                for (Object document : new Yaml(new SafeConstructor(new LoaderOptions()))
                        .loadAll(Files.readString(file))) {
                    Map<String, Object> manifest = cast(document);
                    assertTrue(manifest.containsKey("apiVersion") && name(manifest) != null, file::toString);
                    byKind.put((String) manifest.get("kind"), manifest);
                }
            }
        }
        return byKind;
    }

    private static Map<String, String> mounts(Map<String, Object> container) {
        return list(container, "volumeMounts").stream().collect(Collectors.toMap(
                m -> (String) m.get("name"), m -> (String) m.get("mountPath")));
    }

    private static Map<String, Map<String, Object>> byName(List<Map<String, Object>> items) {
        return items.stream().collect(Collectors.toMap(item -> (String) item.get("name"), item -> item));
    }

    private static String name(Map<String, Object> manifest) {
        return (String) map(manifest, "metadata").get("name");
    }

    private static Map<String, Object> map(Map<String, Object> parent, String... path) {
        Map<String, Object> value = parent;
        for (String key : path) {
            value = cast(value.get(key));
        }
        return value;
    }

    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        return cast(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
