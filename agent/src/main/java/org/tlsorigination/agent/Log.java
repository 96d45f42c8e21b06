package org.tlsorigination.agent;

/** The agent's log: one line per event on stderr with a fixed prefix, so it never depends on the app's logging. */
public final class Log {

    /** In the order of {@code tlsorigination.log}'s values; errors print at every level but {@code off}. */
    public enum Level { OFF, WARN, INFO, DEBUG }

    private static final String PREFIX = "[tls-origination] ";
    private static volatile Level threshold = Level.INFO;

    private Log() {
    }

    public static void setLevel(Level level) {
        threshold = level;
    }

    public static boolean enabled(Level level) {
        return level != Level.OFF && level.compareTo(threshold) <= 0;
    }

    public static void error(String message) {
        if (threshold != Level.OFF) {
            print("error: " + message);
        }
    }

    public static void warn(String message) {
        log(Level.WARN, message);
    }

    public static void info(String message) {
        log(Level.INFO, message);
    }

    public static void debug(String message) {
        log(Level.DEBUG, message);
    }

    private static void log(Level level, String message) {
        if (enabled(level)) {
            print(level == Level.WARN ? "warning: " + message : message);
        }
    }

    /** Bypasses the level: for the one line that explains why the JVM is about to exit. */
    static void print(String message) {
        System.err.println(PREFIX + message);
    }
}
