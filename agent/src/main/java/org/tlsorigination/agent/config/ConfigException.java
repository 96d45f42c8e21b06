package org.tlsorigination.agent.config;

/** A configuration the agent refuses, with where it was found: {@code file:line: field: problem}. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String field;
    private final String problem;

    /**
     * @param source the file or setting the problem is in
     * @param line 1-based line in {@code source}, or 0 when it has no lines
     * @param field the field path, e.g. {@code DestinationRule originate-tls.spec.host}, or null
     * @param problem what is wrong, in words a user can act on
     */
    public ConfigException(String source, int line, String field, String problem) {
        this(source, line, field, problem, null);
    }

    public ConfigException(String source, int line, String field, String problem, Throwable cause) {
        super(format(source, line, field, problem), cause);
        this.source = source;
        this.line = line;
        this.field = field;
        this.problem = problem;
    }

    private static String format(String source, int line, String field, String problem) {
        StringBuilder s = new StringBuilder(source);
        if (line > 0) {
            s.append(':').append(line);
        }
        s.append(": ");
        if (field != null) {
            s.append(field).append(": ");
        }
        return s.append(problem).toString();
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
