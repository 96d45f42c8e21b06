package org.tlsorigination.agent;

/**
 * Lets one copy of the agent run in a JVM. A second copy (one jar named twice, {@code JAVA_TOOL_OPTIONS} plus
 * {@code -javaagent}, a copy of the jar at another path, a later attach) may come from another class loader, where a
 * static field of this class would be a different one; so the first copy marks the JVM itself, with a system
 * property, and the facade it defines in the boot loader marks it too, should the app replace the properties.
 */
public final class SingleCopy {
    /** Outside the {@code tlsorigination.} prefix, which is for the user's settings. */
    public static final String MARKER = "org.tlsorigination.agent.copy";
    private static final String FACADE = "org.tlsorigination.agent.bootstrap.Origination";

    private SingleCopy() {
    }

    /** Claims the JVM for this copy; returns a description of the copy that already holds it, or null. */
    static String claim() {
        String self = location();
        Object first = System.getProperties().putIfAbsent(MARKER, self);
        if (first != null) {
            return first.toString();
        }
        return facadeInBootLoader() ? "an earlier copy" : null;
    }

    /** By name and from the bootstrap loader only, so that this copy's own loader never loads the facade. */
    private static boolean facadeInBootLoader() {
        try {
            Class.forName(FACADE, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String location() {
        try {
            return String.valueOf(SingleCopy.class.getProtectionDomain().getCodeSource().getLocation());
        } catch (RuntimeException e) {
            return "an unknown location";
        }
    }
}
