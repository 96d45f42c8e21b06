package org.tlsorigination.agent.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** The fields of one YAML mapping, each reachable by name, so that no field can pass unread. */
final class YamlMapping {
    private final YamlField self;
    private final int line;
    private final Map<String, YamlField> fields;

    private YamlMapping(YamlField self, int line, Map<String, YamlField> fields) {
        this.self = self;
        this.line = line;
        this.fields = fields;
    }

    static YamlMapping of(YamlField self, MappingNode node) throws ConfigException {
        Map<String, YamlField> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            if (Tag.MERGE.equals(tuple.getKeyNode().getTag())) {
                throw new ConfigException(self.source(), YamlField.lineOf(tuple.getKeyNode()), self.name(),
                        "YAML merge keys (<<) are not supported; write the fields out in full");
            }
            if (!(tuple.getKeyNode() instanceof ScalarNode) || !Tag.STR.equals(tuple.getKeyNode().getTag())) {
                throw new ConfigException(self.source(), YamlField.lineOf(tuple.getKeyNode()), self.name(),
                        "field names must be plain strings");
            }
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            YamlField field = self.child(key, tuple.getValueNode(), YamlField.lineOf(tuple.getKeyNode()));
            if (fields.put(key, field) != null) {
                throw field.error("duplicate field");
            }
        }
        return new YamlMapping(self, YamlField.lineOf(node), fields);
    }

    /** The named field; when it is absent, an absent field whose errors point at this mapping. */
    YamlField get(String key) {
        YamlField field = fields.get(key);
        return field != null ? field : self.child(key, null, line);
    }

    int size() {
        return fields.size();
    }

    /** Rejects the first field that is not one of {@code known}, naming it and what is accepted instead. */
    void allowOnly(String... known) throws ConfigException {
        List<String> accepted = List.of(known);
        for (Map.Entry<String, YamlField> field : fields.entrySet()) {
            if (!accepted.contains(field.getKey())) {
                throw field.getValue().error("not supported (supported here: " + String.join(", ", accepted) + ")");
            }
        }
    }
}
