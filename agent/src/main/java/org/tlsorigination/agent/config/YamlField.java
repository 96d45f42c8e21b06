package org.tlsorigination.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One value of a rules file and where it is: file, 1-based line and field path, e.g.
 * {@code DestinationRule cnn: spec.trafficPolicy.tls.mode}. Typed access fails with a {@link ConfigException} that
 * names all three. The path is only spelled out when a message needs it, and a field kept for later messages is
 * {@link #detached()} from the YAML nodes, so that a file's nodes can go once its resources are read.
 */
final class YamlField {
    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.BOOL, Tag.FLOAT, Tag.TIMESTAMP);

    private final String source;
    /** The resource this field belongs to, e.g. {@code ServiceEntry cnn}; null until its kind and name are known. */
    private final String owner;
    /** The enclosing field, with {@link #key} or {@link #index} saying where in it this one is; null once known. */
    private final YamlField parent;
    private final String key;
    private final int index;
    private String path;
    /** Null when the field is absent or explicitly null, or detached. */
    private final Node node;
    private final boolean present;
    private final int line;

    private YamlField(String source, String owner, YamlField parent, String key, int index, String path, Node node,
                      int line) {
        this.source = source;
        this.owner = owner;
        this.parent = parent;
        this.key = key;
        this.index = index;
        this.path = path;
        this.node = node == null || Tag.NULL.equals(node.getTag()) ? null : node;
        this.present = this.node != null;
        this.line = line;
    }

    private YamlField(YamlField attached) {
        this.source = attached.source;
        this.owner = attached.owner;
        this.parent = null;
        this.key = null;
        this.index = 0;
        this.path = attached.path();
        this.node = null;
        this.present = attached.present;
        this.line = attached.line;
    }

    static YamlField document(String source, Node node) {
        return new YamlField(source, null, null, null, 0, "", node, lineOf(node));
    }

    static int lineOf(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    YamlField ownedBy(String resource) {
        return new YamlField(source, resource, parent, key, index, path, node, line);
    }

    YamlField child(String childKey, Node value, int valueLine) {
        return new YamlField(source, owner, this, childKey, 0, null, value, valueLine);
    }

    /** Where this field is and whether it was given, without its value: for keeping past the YAML's lifetime. */
    YamlField detached() {
        return new YamlField(this);
    }

    String source() {
        return source;
    }

    int line() {
        return line;
    }

    private String path() {
        if (path == null) {
            String outer = parent.path();
            path = key == null ? outer + "[" + index + "]" : outer.isEmpty() ? key : outer + "." + key;
        }
        return path;
    }

    /** The field path with its resource, or null for a whole document. */
    String name() {
        String fieldPath = path();
        if (owner == null) {
            return fieldPath.isEmpty() ? null : fieldPath;
        }
        return fieldPath.isEmpty() ? owner : owner + ": " + fieldPath;
    }

    boolean isPresent() {
        return present;
    }

    ConfigException error(String problem) {
        return new ConfigException(source, line, name(), problem);
    }

    /** A line for the notes or warnings, in the same {@code file:line: field: text} form as a ConfigException. */
    String describe(String text) {
        String field = name();
        return source + ":" + line + ": " + (field == null ? "" : field + ": ") + text;
    }

    String string() throws ConfigException {
        String value = scalar().getValue();
        if (value.isEmpty()) {
            throw error("must not be empty");
        }
        return value;
    }

    /** The string, or null when the field is absent. */
    String optionalString() throws ConfigException {
        return isPresent() ? string() : null;
    }

    int port() throws ConfigException {
        ScalarNode scalar = scalar();
        String value = scalar.getValue();
        boolean digits = value.length() <= 9 && HostPattern.isDigits(value);
        if (Tag.STR.equals(scalar.getTag()) && digits) {
            throw error("must be a port number, not the string \"" + value + "\"; write " + value + " without quotes");
        }
        if (!Tag.INT.equals(scalar.getTag()) || !digits) {
            throw error("must be a port number from 1 to 65535, not '" + value + "'");
        }
        int port = Integer.parseInt(value);
        if (port < 1 || port > 65535) {
            throw error("port " + port + " is out of range 1-65535");
        }
        return port;
    }

    boolean bool(boolean whenAbsent) throws ConfigException {
        if (!isPresent()) {
            return whenAbsent;
        }
        ScalarNode scalar = scalar();
        String value = scalar.getValue();
        if (Tag.STR.equals(scalar.getTag()) && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
            throw error("must be true or false, not the string \"" + value + "\"; write " + value + " without quotes");
        }
        // YAML 1.1 also reads yes/no/on/off as booleans; Kubernetes tools do not, so neither do we.
        if (!Tag.BOOL.equals(scalar.getTag()) || !(value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
            throw error("must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    List<YamlField> list() throws ConfigException {
        Node value = required();
        if (!(value instanceof SequenceNode)) {
            throw error("must be a list");
        }
        checkTag(value, Tag.SEQ);
        List<YamlField> items = new ArrayList<>();
        for (Node item : ((SequenceNode) value).getValue()) {
            items.add(new YamlField(source, owner, this, null, items.size(), null, item, lineOf(item)));
        }
        return items;
    }

    /** The list, or an empty one when the field is absent. */
    List<YamlField> optionalList() throws ConfigException {
        return isPresent() ? list() : List.of();
    }

    YamlMapping mapping() throws ConfigException {
        Node value = required();
        if (!(value instanceof MappingNode)) {
            throw error("must be a mapping of fields");
        }
        checkTag(value, Tag.MAP);
        return YamlMapping.of(this, (MappingNode) value);
    }

    private ScalarNode scalar() throws ConfigException {
        Node value = required();
        if (!(value instanceof ScalarNode)) {
            throw error("must be a single value, not a " + (value instanceof MappingNode ? "mapping" : "list"));
        }
        if (!SCALAR_TAGS.contains(value.getTag())) {
            throw error("tag " + value.getTag() + " is not allowed");
        }
        return (ScalarNode) value;
    }

    private void checkTag(Node value, Tag expected) throws ConfigException {
        if (!expected.equals(value.getTag())) {
            throw error("tag " + value.getTag() + " is not allowed");
        }
    }

    private Node required() throws ConfigException {
        if (node == null) {
            throw error("required field is missing");
        }
        return node;
    }
}
