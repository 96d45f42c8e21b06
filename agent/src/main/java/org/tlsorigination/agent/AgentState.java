package org.tlsorigination.agent;

/**
 * What became of the agent in this JVM, kept as a system property beside {@link SingleCopy}'s, since the command that
 * attached it runs in another JVM and reads it from there through the attach API.
 */
public final class AgentState {
    /** Outside the {@code tlsorigination.} prefix, which is for the user's settings. */
    public static final String PROPERTY = "org.tlsorigination.agent.state";
    public static final String RUNNING = "running: ";
    public static final String REFUSED = "refused: ";
    public static final String DISABLED = "disabled";

    private AgentState() {
    }

    /** The agent's name and version, as its jar's manifest gives them. */
    public static String version() {
        String version = AgentState.class.getPackage().getImplementationVersion();
        return "tls-origination-agent " + (version == null ? "(version unknown)" : version);
    }

    static void started(String startLine) {
        mark(RUNNING + startLine);
    }

    static void refused(String reason) {
        mark(REFUSED + reason);
    }

    static void disabled() {
        mark(DISABLED);
    }

    /** A security manager may forbid it; then only the log tells. */
    private static void mark(String state) {
        try {
            System.setProperty(PROPERTY, state);
        } catch (SecurityException e) {
            Log.debug("cannot record the agent's state as " + PROPERTY + ": " + e.getMessage());
        }
    }
}
