package org.tlsorigination.agent.config;

/**
 * A resource that takes part in deciding one connection, for {@code explain}: its kind and name, where it is
 * written, and what it does to the connection. Computed from the parsed file on request, never kept at run time.
 */
public final class DecidingResource {
    private final String kind;
    private final String name;
    private final String file;
    private final int line;
    private final String does;

    private DecidingResource(String kind, String name, YamlField where, String does) {
        this.kind = kind;
        this.name = name;
        this.file = where.source();
        this.line = where.line();
        this.does = does;
    }

    /** @param label the resource as messages name it, e.g. {@code DestinationRule cnn} */
    static DecidingResource of(String label, YamlField where, String does) {
        int space = label.indexOf(' ');
        return new DecidingResource(label.substring(0, space), label.substring(space + 1), where, does);
    }

    static DecidingResource of(String kind, String name, YamlField where, String does) {
        return new DecidingResource(kind, name, where, does);
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** What it does to the connection, e.g. {@code sends port 80 to port 443}. */
    public String does() {
        return does;
    }

    @Override
    public String toString() {
        return kind + " " + name + " (" + file + ":" + line + "): " + does;
    }
}
