package org.tlsorigination.agent.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The agent's switches, each read from the system property {@code tlsorigination.<name>}, else the agent argument
 * {@code <name>=value}, else the environment variable {@code TLSORIGINATION_<NAME>} ({@code onConfigError} is
 * {@code TLSORIGINATION_ON_CONFIG_ERROR}).
 */
public final class Settings {
    static final String PREFIX = "tlsorigination.";

    public enum LogLevel { OFF, WARN, INFO, DEBUG }

    public enum OnConfigError { FAIL, DISABLE }

    private static final String ENABLED = "enabled";
    private static final String RULES = "rules";
    private static final String LOG = "log";
    private static final String ON_CONFIG_ERROR = "onConfigError";
    private static final String HANDSHAKE_TIMEOUT = "handshakeTimeout";
    private static final String RELOAD = "reload";
    private static final String RELOAD_INTERVAL = "reloadInterval";
    private static final String GUARD = "guard";
    private static final String OUTBOUND_TRAFFIC_POLICY = "outboundTrafficPolicy";
    private static final String[] NAMES = {ENABLED, RULES, LOG, ON_CONFIG_ERROR, HANDSHAKE_TIMEOUT, RELOAD,
        RELOAD_INTERVAL, GUARD, OUTBOUND_TRAFFIC_POLICY};
    /** {@code instrumentation.<family>=false} leaves one client family alone; which families exist, config leaves to them. */
    private static final String INSTRUMENTATION = "instrumentation.";

    private final boolean enabled;
    private final Path rules;
    private final LogLevel log;
    private final OnConfigError onConfigError;
    private final int handshakeTimeoutMillis;
    private final boolean reload;
    private final int reloadIntervalMillis;
    private final boolean guard;
    private final OutboundTrafficPolicy outboundTrafficPolicy;
    private final Map<String, Boolean> instrumentation;

    private Settings(boolean enabled, Path rules, LogLevel log, OnConfigError onConfigError,
                     int handshakeTimeoutMillis, boolean reload, int reloadIntervalMillis, boolean guard,
                     OutboundTrafficPolicy outboundTrafficPolicy, Map<String, Boolean> instrumentation) {
        this.enabled = enabled;
        this.rules = rules;
        this.log = log;
        this.onConfigError = onConfigError;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.reload = reload;
        this.reloadIntervalMillis = reloadIntervalMillis;
        this.guard = guard;
        this.outboundTrafficPolicy = outboundTrafficPolicy;
        this.instrumentation = Map.copyOf(instrumentation);
    }

    public static Settings fromEnvironment(String agentArguments) throws ConfigException {
        return resolve(System.getProperties(), agentArguments, System.getenv());
    }

    static Settings resolve(Properties system, String agentArguments, Map<String, String> environment)
            throws ConfigException {
        Sources sources = new Sources(system, parseAgentArguments(agentArguments), environment);
        // The off switch must work even when another setting is wrong.
        if (!sources.value(ENABLED, "true", Sources::parseBoolean)) {
            return new Settings(false, null, LogLevel.INFO, OnConfigError.FAIL, 0, false, 0, false, null, Map.of());
        }
        sources.rejectUnknownNames();
        return new Settings(true,
                sources.value(RULES, null, Paths::get),
                sources.value(LOG, "info", v -> parseEnum(LogLevel.class, v)),
                sources.value(ON_CONFIG_ERROR, "fail", v -> parseEnum(OnConfigError.class, v)),
                sources.value(HANDSHAKE_TIMEOUT, "10000", Sources::parseMillis),
                sources.value(RELOAD, "true", Sources::parseBoolean),
                sources.value(RELOAD_INTERVAL, "2000", Sources::parseMillis),
                sources.value(GUARD, "true", Sources::parseBoolean),
                sources.value(OUTBOUND_TRAFFIC_POLICY, null, v -> parseEnum(OutboundTrafficPolicy.class, v)),
                sources.instrumentationSwitches());
    }

    /** Parses what the early parts of start-up need even when the rest is wrong: is the agent on, and how to fail. */
    public static OnConfigError onConfigErrorOrDefault(String agentArguments) {
        try {
            Sources sources = new Sources(System.getProperties(), parseAgentArguments(agentArguments), System.getenv());
            return sources.value(ON_CONFIG_ERROR, "fail", v -> parseEnum(OnConfigError.class, v));
        } catch (ConfigException e) {
            return OnConfigError.FAIL;
        }
    }

    private static Map<String, String> parseAgentArguments(String arguments) throws ConfigException {
        Map<String, String> parsed = new HashMap<>();
        if (arguments == null || arguments.isBlank()) {
            return parsed;
        }
        for (String pair : arguments.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("agent arguments", 0, pair.trim(), "expected name=value");
            }
            parsed.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return parsed;
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value) {
        return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    }

    public boolean enabled() {
        return enabled;
    }

    /** The rules file, or null when none was given. */
    public Path rules() {
        return rules;
    }

    public LogLevel log() {
        return log;
    }

    public OnConfigError onConfigError() {
        return onConfigError;
    }

    /** Bounds a handshake when the client itself set neither a connect nor a read timeout. */
    public int handshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    /** Watch the rules file and the files it names, and swap in each valid new version. */
    public boolean reload() {
        return reload;
    }

    public int reloadIntervalMillis() {
        return reloadIntervalMillis;
    }

    /** Refuse plain-text connections that a rule originates from clients the agent does not rewrite. */
    public boolean guard() {
        return guard;
    }

    /** Whether a client family is rewritten: {@code instrumentation.<family>}, true unless switched off. */
    public boolean instrumented(String family) {
        return instrumentation.getOrDefault(family, true);
    }

    /** The families the settings name, so that a misspelt one is caught by whoever knows the families. */
    public Set<String> instrumentationSwitches() {
        return instrumentation.keySet();
    }

    /** The policy for hosts no rule names, overriding the rules file's; null when not set. */
    public OutboundTrafficPolicy outboundTrafficPolicy() {
        return outboundTrafficPolicy;
    }

    private static final class Sources {
        private final Properties system;
        private final Map<String, String> agentArguments;
        private final Map<String, String> environment;

        Sources(Properties system, Map<String, String> agentArguments, Map<String, String> environment) {
            this.system = system;
            this.agentArguments = agentArguments;
            this.environment = environment;
        }

        void rejectUnknownNames() throws ConfigException {
            for (String name : system.stringPropertyNames()) {
                if (name.startsWith(PREFIX) && !known(name.substring(PREFIX.length()))) {
                    throw unknown("system property " + name);
                }
            }
            for (String name : agentArguments.keySet()) {
                if (!known(name)) {
                    throw unknown("agent argument " + name);
                }
            }
        }

        private static boolean known(String name) {
            if (name.startsWith(INSTRUMENTATION) && name.length() > INSTRUMENTATION.length()) {
                return true;
            }
            for (String n : NAMES) {
                if (n.equals(name)) {
                    return true;
                }
            }
            return false;
        }

        private static ConfigException unknown(String source) {
            return new ConfigException(source, 0, null,
                    "unknown setting; known settings are " + String.join(", ", NAMES));
        }

        /** Every {@code instrumentation.<family>} setting of any source, parsed as the first source found says. */
        Map<String, Boolean> instrumentationSwitches() throws ConfigException {
            Set<String> families = new TreeSet<>();
            for (String name : system.stringPropertyNames()) {
                if (name.startsWith(PREFIX + INSTRUMENTATION)) {
                    families.add(name.substring(PREFIX.length() + INSTRUMENTATION.length()));
                }
            }
            for (String name : agentArguments.keySet()) {
                if (name.startsWith(INSTRUMENTATION)) {
                    families.add(name.substring(INSTRUMENTATION.length()));
                }
            }
            String environmentPrefix = environmentName(INSTRUMENTATION);
            for (String name : environment.keySet()) {
                if (name.startsWith(environmentPrefix) && name.length() > environmentPrefix.length()) {
                    families.add(name.substring(environmentPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '-'));
                }
            }
            Map<String, Boolean> switches = new HashMap<>();
            for (String family : families) {
                switches.put(family, value(INSTRUMENTATION + family, "true", Sources::parseBoolean));
            }
            return switches;
        }

        <T> T value(String name, String defaultValue, Function<String, T> parse) throws ConfigException {
            String source;
            String raw;
            if (system.getProperty(PREFIX + name) != null) {
                source = "system property " + PREFIX + name;
                raw = system.getProperty(PREFIX + name);
            } else if (agentArguments.containsKey(name)) {
                source = "agent argument " + name;
                raw = agentArguments.get(name);
            } else if (environment.containsKey(environmentName(name))) {
                source = "environment variable " + environmentName(name);
                raw = environment.get(environmentName(name));
            } else {
                return defaultValue == null ? null : parse.apply(defaultValue);
            }
            try {
                return parse.apply(raw);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source, 0, null, "invalid value '" + raw + "'" + hint(name));
            }
        }

        private static String hint(String name) {
            switch (name) {
                case ENABLED:
                case RELOAD:
                case GUARD: return "; expected true or false";
                case LOG: return "; expected off, warn, info or debug";
                case ON_CONFIG_ERROR: return "; expected fail or disable";
                case HANDSHAKE_TIMEOUT:
                case RELOAD_INTERVAL: return "; expected a positive number of milliseconds";
                case OUTBOUND_TRAFFIC_POLICY: return "; expected ALLOW_ANY or REGISTRY_ONLY";
                default: return name.startsWith(INSTRUMENTATION) ? "; expected true or false" : "";
            }
        }

        /** {@code onConfigError} is {@code TLSORIGINATION_ON_CONFIG_ERROR}, {@code instrumentation.okhttp} is
         * {@code TLSORIGINATION_INSTRUMENTATION_OKHTTP}. */
        static String environmentName(String name) {
            return "TLSORIGINATION_" + name.replaceAll("([a-z])([A-Z])", "$1_$2").replaceAll("[.-]", "_")
                    .toUpperCase(Locale.ROOT);
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
}
