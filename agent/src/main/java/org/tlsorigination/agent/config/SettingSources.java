package org.tlsorigination.agent.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The three places a setting can come from, in the order they win, and the names each of them may use. */
final class SettingSources {
    static final String INSTRUMENTATION = "instrumentation.";
    private static final String ENVIRONMENT_PREFIX = "TLSORIGINATION_";
    private static final String INSTRUMENTATION_ENVIRONMENT_PREFIX = ENVIRONMENT_PREFIX + "INSTRUMENTATION_";
    private static final Pattern FAMILY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern ENVIRONMENT_FAMILY = Pattern.compile("[A-Z0-9]+(_[A-Z0-9]+)*");

    private final Properties system;
    private final Map<String, String> agentArguments;
    private final Map<String, String> environment;

    SettingSources(Properties system, Map<String, String> agentArguments, Map<String, String> environment) {
        this.system = system;
        this.agentArguments = agentArguments;
        this.environment = environment;
    }

    void rejectUnknownNames() throws ConfigException {
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith(Settings.PREFIX) && !known(name.substring(Settings.PREFIX.length()))) {
                throw unknown("system property " + name);
            }
        }
        for (String name : agentArguments.keySet()) {
            if (!known(name)) {
                throw unknown("agent argument " + name);
            }
        }
        for (String name : environment.keySet()) {
            if (name.startsWith(ENVIRONMENT_PREFIX) && !knownInEnvironment(name)) {
                throw new ConfigException("environment variable " + name, 0, null, "unknown setting; known variables "
                        + "are " + String.join(", ", Settings.NAMES.stream().map(SettingSources::environmentName)
                        .toArray(String[]::new)) + " and " + INSTRUMENTATION_ENVIRONMENT_PREFIX + "<FAMILY>");
            }
        }
    }

    private static boolean known(String name) {
        return Settings.NAMES.contains(name)
                || name.startsWith(INSTRUMENTATION)
                && FAMILY.matcher(name.substring(INSTRUMENTATION.length())).matches();
    }

    private static boolean knownInEnvironment(String variable) {
        if (variable.startsWith(INSTRUMENTATION_ENVIRONMENT_PREFIX)) {
            String family = variable.substring(INSTRUMENTATION_ENVIRONMENT_PREFIX.length());
            return ENVIRONMENT_FAMILY.matcher(family).matches();
        }
        return Settings.NAMES.stream().anyMatch(name -> environmentName(name).equals(variable));
    }

    private static ConfigException unknown(String source) {
        return new ConfigException(source, 0, null, "unknown setting; known settings are "
                + String.join(", ", Settings.NAMES) + " and " + INSTRUMENTATION + "<family>");
    }

    /** Every family some source switches, with the value of the source that wins; call after the names are checked. */
    Map<String, Boolean> instrumentationSwitches() throws ConfigException {
        TreeSet<String> families = new TreeSet<>();
        String property = Settings.PREFIX + INSTRUMENTATION;
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith(property)) {
                families.add(name.substring(property.length()));
            }
        }
        for (String name : agentArguments.keySet()) {
            if (name.startsWith(INSTRUMENTATION)) {
                families.add(name.substring(INSTRUMENTATION.length()));
            }
        }
        for (String name : environment.keySet()) {
            if (name.startsWith(INSTRUMENTATION_ENVIRONMENT_PREFIX)) {
                families.add(name.substring(INSTRUMENTATION_ENVIRONMENT_PREFIX.length()).toLowerCase(Locale.ROOT)
                        .replace('_', '-'));
            }
        }
        Map<String, Boolean> switches = new LinkedHashMap<>();
        for (String family : families) {
            switches.put(family, flag(INSTRUMENTATION + family, true));
        }
        return switches;
    }

    // One accessor per kind of value rather than a parser passed in: each lambda would cost the JVM's start a class.
    boolean flag(String name, boolean fallback) throws ConfigException {
        String raw = raw(name);
        try {
            return raw == null ? fallback : parseBoolean(raw);
        } catch (IllegalArgumentException e) {
            throw invalid(name, raw);
        }
    }

    int millis(String name, int fallback) throws ConfigException {
        String raw = raw(name);
        try {
            return raw == null ? fallback : parseMillis(raw);
        } catch (IllegalArgumentException e) {
            throw invalid(name, raw);
        }
    }

    /** Null when no source gives it. */
    Path path(String name) throws ConfigException {
        String raw = raw(name);
        try {
            return raw == null ? null : Paths.get(raw);
        } catch (IllegalArgumentException e) {
            throw invalid(name, raw);
        }
    }

    /** One of {@code type}'s constants, named in any case; {@code fallback} (which may be null) when none gives it. */
    <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) throws ConfigException {
        String raw = raw(name);
        try {
            return raw == null ? fallback : Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(name, raw);
        }
    }

    /** The value of the source that wins, or null when none gives one. */
    private String raw(String name) {
        String property = system.getProperty(Settings.PREFIX + name);
        if (property != null) {
            return property;
        }
        return agentArguments.containsKey(name) ? agentArguments.get(name) : environment.get(environmentName(name));
    }

    private ConfigException invalid(String name, String raw) {
        String source = system.getProperty(Settings.PREFIX + name) != null ? "system property " + Settings.PREFIX + name
                : agentArguments.containsKey(name) ? "agent argument " + name
                : "environment variable " + environmentName(name);
        return new ConfigException(source, 0, null, "invalid value '" + raw + "'" + Settings.expected(name));
    }

    /** {@code onConfigError}: {@code TLSORIGINATION_ON_CONFIG_ERROR}; {@code instrumentation.netty}: {@code ..._NETTY}. */
    static String environmentName(String name) {
        // A loop, not a regular expression: it runs for every setting, before main.
        StringBuilder words = new StringBuilder(ENVIRONMENT_PREFIX);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z' && i > 0 && name.charAt(i - 1) >= 'a' && name.charAt(i - 1) <= 'z') {
                words.append('_');
            }
            words.append(c == '.' || c == '-' ? '_' : c);
        }
        return words.toString().toUpperCase(Locale.ROOT);
    }

    static boolean parseBoolean(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(value);
        }
        return v.equals("true");
    }

    static int parseMillis(String value) {
        int millis = Integer.parseInt(value.trim());
        if (millis <= 0) {
            throw new IllegalArgumentException(value);
        }
        return millis;
    }
}
