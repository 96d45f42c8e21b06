package org.tlsorigination.agent.config;

/** A configuration the agent refuses, with where it was found: {@code file:line: field: problem}. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private static final int MAX_PART = 400;

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
        super(format(source, line, shortenedOrNull(field), shortened(problem)), cause);
        this.source = source;
        this.line = line;
        this.field = shortenedOrNull(field);
        this.problem = shortened(problem);
    }

    /**
     * A value quoted from a hostile file can be huge or hold line breaks; the message stays one readable line, which
     * no quoted value can make look like another log line.
     */
    private static String shortened(String text) {
        String cut = text.length() <= MAX_PART ? text
                : text.substring(0, MAX_PART - 100) + " ... " + text.substring(text.length() - 95);
        StringBuilder line = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            line.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : Character.isISOControl(c) ? "?" : String.valueOf(c));
        }
        return line.toString();
    }

    private static String shortenedOrNull(String text) {
        return text == null ? null : shortened(text);
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
