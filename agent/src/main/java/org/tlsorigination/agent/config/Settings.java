package org.tlsorigination.agent.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The agent's switches, each read from the system property {@code tlsorigination.<name>}, else the agent argument
 * {@code <name>=value}, else the environment variable {@code TLSORIGINATION_<NAME>} ({@code onConfigError} is
 * {@code TLSORIGINATION_ON_CONFIG_ERROR}). Besides the fixed names, {@code instrumentation.<family>} switches one
 * client family on or off; the families themselves are the installer's to know. An unknown name in any source is an
 * error, so a typo never goes unnoticed.
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
    private static final String REPORT = "report";
    static final List<String> NAMES = List.of(ENABLED, RULES, LOG, ON_CONFIG_ERROR, HANDSHAKE_TIMEOUT, RELOAD,
            RELOAD_INTERVAL, GUARD, OUTBOUND_TRAFFIC_POLICY, REPORT);

    private final boolean enabled;
    private final Path rules;
    private final LogLevel log;
    private final OnConfigError onConfigError;
    private final int handshakeTimeoutMillis;
    private final boolean reload;
    private final int reloadIntervalMillis;
    private final boolean guard;
    private final OutboundTrafficPolicy outboundTrafficPolicy;
    private final Path report;
    private final Map<String, Boolean> instrumentation;

    private Settings(boolean enabled, Path rules, LogLevel log, OnConfigError onConfigError,
                     int handshakeTimeoutMillis, boolean reload, int reloadIntervalMillis, boolean guard,
                     OutboundTrafficPolicy outboundTrafficPolicy, Path report, Map<String, Boolean> instrumentation) {
        this.enabled = enabled;
        this.rules = rules;
        this.log = log;
        this.onConfigError = onConfigError;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.reload = reload;
        this.reloadIntervalMillis = reloadIntervalMillis;
        this.guard = guard;
        this.outboundTrafficPolicy = outboundTrafficPolicy;
        this.report = report;
        this.instrumentation = instrumentation;
    }

    public static Settings fromEnvironment(String agentArguments) throws ConfigException {
        return resolve(System.getProperties(), agentArguments, System.getenv());
    }

    static Settings resolve(Properties system, String agentArguments, Map<String, String> environment)
            throws ConfigException {
        Map<String, String> arguments;
        try {
            arguments = AgentArguments.parse(agentArguments);
        } catch (ConfigException e) {
            if ("false".equals(firstReadable(() -> system.getProperty(PREFIX + ENABLED),
                    () -> AgentArguments.lenientValue(agentArguments, ENABLED),
                    () -> environment.get(SettingSources.environmentName(ENABLED))))) {
                arguments = Map.of(ENABLED, "false");
            } else {
                throw e;
            }
        }
        SettingSources sources = new SettingSources(system, arguments, environment);
        // The off switch must work even when another setting is wrong.
        if (!sources.flag(ENABLED, true)) {
            return new Settings(false, null, LogLevel.INFO, OnConfigError.FAIL, 0, false, 0, false, null, null,
                    Map.of());
        }
        sources.rejectUnknownNames();
        return new Settings(true,
                sources.path(RULES),
                sources.choice(LOG, LogLevel.class, LogLevel.INFO),
                sources.choice(ON_CONFIG_ERROR, OnConfigError.class, OnConfigError.FAIL),
                sources.millis(HANDSHAKE_TIMEOUT, 10_000),
                sources.flag(RELOAD, true),
                sources.millis(RELOAD_INTERVAL, 2_000),
                sources.flag(GUARD, true),
                sources.choice(OUTBOUND_TRAFFIC_POLICY, OutboundTrafficPolicy.class, null),
                sources.path(REPORT),
                sources.instrumentationSwitches());
    }

    /**
     * How to fail, read when the settings as a whole could not be: each source on its own, so that a malformed agent
     * argument or a source a security manager hides cannot hide a valid {@code onConfigError} in another. The first
     * source that gives it decides; a value that is not valid there means the default, {@code fail}.
     */
    public static OnConfigError onConfigErrorOrDefault(String agentArguments) {
        return onConfigError(firstReadable(() -> System.getProperty(PREFIX + ON_CONFIG_ERROR),
                () -> AgentArguments.lenientValue(agentArguments, ON_CONFIG_ERROR),
                () -> System.getenv(SettingSources.environmentName(ON_CONFIG_ERROR))));
    }

    static OnConfigError onConfigErrorOrDefault(Properties system, String agentArguments,
                                                Map<String, String> environment) {
        return onConfigError(firstReadable(() -> system.getProperty(PREFIX + ON_CONFIG_ERROR),
                () -> AgentArguments.lenientValue(agentArguments, ON_CONFIG_ERROR),
                () -> environment.get(SettingSources.environmentName(ON_CONFIG_ERROR))));
    }

    private static OnConfigError onConfigError(String raw) {
        try {
            return raw == null ? OnConfigError.FAIL : parseEnum(OnConfigError.class, raw);
        } catch (IllegalArgumentException e) {
            return OnConfigError.FAIL;
        }
    }

    @SafeVarargs
    private static String firstReadable(Supplier<String>... sources) {
        for (Supplier<String> source : sources) {
            try {
                String value = source.get();
                if (value != null) {
                    return value;
                }
            } catch (SecurityException e) {
                // a security manager hides this source; the next may still say
            }
        }
        return null;
    }

    /** What a setting takes, for the message about a value it does not. */
    static String expected(String name) {
        switch (name) {
            case ENABLED:
            case RELOAD:
            case GUARD: return "; expected true or false";
            case LOG: return "; expected off, warn, info or debug";
            case ON_CONFIG_ERROR: return "; expected fail or disable";
            case HANDSHAKE_TIMEOUT:
            case RELOAD_INTERVAL: return "; expected a positive number of milliseconds";
            case OUTBOUND_TRAFFIC_POLICY: return "; expected ALLOW_ANY or REGISTRY_ONLY";
            default: return name.startsWith(SettingSources.INSTRUMENTATION) ? "; expected true or false" : "";
        }
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

    /** The policy for hosts no rule names, overriding the rules file's; null when not set. */
    public OutboundTrafficPolicy outboundTrafficPolicy() {
        return outboundTrafficPolicy;
    }

    /** The file to keep the plain-text destinations no rule covers in, as a rules file; null when not set. */
    public Path report() {
        return report;
    }

    /** False when {@code instrumentation.<family>=false} switches the family off; families are on by default. */
    public boolean instrumented(String family) {
        return instrumentation.getOrDefault(family.toLowerCase(Locale.ROOT), Boolean.TRUE);
    }

    /** The families the user gave a switch for, in lower case, so the installer can refuse one it does not know. */
    public Set<String> instrumentationSwitches() {
        return instrumentation.keySet();
    }
}
