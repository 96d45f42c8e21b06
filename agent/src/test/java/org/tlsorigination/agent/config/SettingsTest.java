package org.tlsorigination.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsTest {
    private static final String KNOWN = "unknown setting; known settings are enabled, rules, log, onConfigError, "
            + "handshakeTimeout, reload, reloadInterval, guard, outboundTrafficPolicy, report and "
            + "instrumentation.<family>";

    @Test
    void defaults() throws ConfigException {
        Settings settings = Settings.resolve(new Properties(), null, Map.of());

        assertTrue(settings.enabled());
        assertNull(settings.rules());
        assertEquals(Settings.LogLevel.INFO, settings.log());
        assertEquals(Settings.OnConfigError.FAIL, settings.onConfigError());
        assertEquals(10_000, settings.handshakeTimeoutMillis());
        assertNull(settings.report());
        assertTrue(settings.instrumented("netty"));
        assertEquals(Set.of(), settings.instrumentationSwitches());
    }

    @Test
    void systemPropertiesWinOverAgentArgumentsWhichWinOverEnvironment() throws ConfigException {
        Properties system = properties("tlsorigination.rules", "/from/property.yaml");
        Map<String, String> environment = Map.of(
                "TLSORIGINATION_RULES", "/from/env.yaml",
                "TLSORIGINATION_LOG", "warn",
                "TLSORIGINATION_ON_CONFIG_ERROR", "disable");

        Settings settings = Settings.resolve(system, "rules=/from/args.yaml, log=debug", environment);

        assertEquals(Paths.get("/from/property.yaml"), settings.rules());
        assertEquals(Settings.LogLevel.DEBUG, settings.log());
        assertEquals(Settings.OnConfigError.DISABLE, settings.onConfigError());
    }

    @Test
    void theReportFileFollowsTheSameThreeSources() throws ConfigException {
        assertEquals(Paths.get("/from/env.yaml"), Settings.resolve(new Properties(), null,
                Map.of("TLSORIGINATION_REPORT", "/from/env.yaml")).report());
        assertEquals(Paths.get("/from/args.yaml"), Settings.resolve(new Properties(), "report=/from/args.yaml",
                Map.of("TLSORIGINATION_REPORT", "/from/env.yaml")).report());
        assertEquals(Paths.get("/from/property.yaml"), Settings.resolve(properties("tlsorigination.report",
                "/from/property.yaml"), "report=/from/args.yaml", Map.of()).report());
    }

    @Test
    void aFamilyIsSwitchedOffFromAnySourceAndTheOthersStayOn() throws ConfigException {
        Properties system = properties("tlsorigination.instrumentation.okhttp", "false");
        Map<String, String> environment = Map.of("TLSORIGINATION_INSTRUMENTATION_APACHE_HTTPCLIENT_4", "false");

        Settings settings = Settings.resolve(system, "instrumentation.netty=false", environment);

        assertFalse(settings.instrumented("okhttp"));
        assertFalse(settings.instrumented("netty"));
        assertFalse(settings.instrumented("apache-httpclient-4"));
        assertTrue(settings.instrumented("jetty-client"));
        assertEquals(java.util.Set.of("okhttp", "netty", "apache-httpclient-4"), settings.instrumentationSwitches());
    }

    @Test
    void aFamilySwitchTakesTrueOrFalseOnly() {
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.resolve(
                properties("tlsorigination.instrumentation.okhttp", "off"), null, Map.of()));

        assertEquals("system property tlsorigination.instrumentation.okhttp: invalid value 'off'; expected true or "
                + "false", e.getMessage());
    }

    @Test
    void disabledInstallsNothingEvenWhenAnotherSettingIsWrong() throws ConfigException {
        Properties system = properties("tlsorigination.enabled", "false");
        system.setProperty("tlsorigination.log", "loud");

        assertFalse(Settings.resolve(system, "rules", Map.of("TLSORIGINATION_RULEZ", "x")).enabled());
    }

    @Test
    void aCommaInAValueIsWrittenTwice() throws ConfigException {
        Settings settings = Settings.resolve(new Properties(), "rules=/etc/a,,b.yaml,log=warn,", Map.of());

        assertEquals(Paths.get("/etc/a,b.yaml"), settings.rules());
        assertEquals(Settings.LogLevel.WARN, settings.log());
    }

    @Test
    void instrumentationSwitchesComeFromEverySourceAndFollowTheirOrder() throws ConfigException {
        Properties system = properties("tlsorigination.instrumentation.netty", "true");
        Map<String, String> environment = Map.of(
                "TLSORIGINATION_INSTRUMENTATION_NETTY", "false",
                "TLSORIGINATION_INSTRUMENTATION_APACHE_HTTPCLIENT_4", "false");

        Settings settings = Settings.resolve(system, "instrumentation.okhttp=false", environment);

        assertTrue(settings.instrumented("netty"));
        assertFalse(settings.instrumented("okhttp"));
        assertFalse(settings.instrumented("Apache-HttpClient-4"));
        assertTrue(settings.instrumented("jetty"));
        assertEquals(Set.of("netty", "okhttp", "apache-httpclient-4"), settings.instrumentationSwitches());
    }

    /** How to fail is read from each source on its own: one that cannot be read or parsed does not hide another. */
    @Test
    void aBrokenAgentArgumentCannotOverrideAValidOnConfigError() {
        Properties disable = properties("tlsorigination.onConfigError", "disable");

        assertEquals(Settings.OnConfigError.DISABLE, Settings.onConfigErrorOrDefault(disable, "rules", Map.of()));
        assertEquals(Settings.OnConfigError.DISABLE, Settings.onConfigErrorOrDefault(new Properties(),
                "oops, onConfigError=disable", Map.of()));
        assertEquals(Settings.OnConfigError.DISABLE, Settings.onConfigErrorOrDefault(new Properties(), "oops",
                Map.of("TLSORIGINATION_ON_CONFIG_ERROR", "disable")));
        assertEquals(Settings.OnConfigError.FAIL, Settings.onConfigErrorOrDefault(properties(
                "tlsorigination.onConfigError", "disbale"), null, Map.of("TLSORIGINATION_ON_CONFIG_ERROR", "disable")));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("a bad value names the source and the allowed values", new Properties(), "log=loud", Map.of(),
                        "agent argument log: invalid value 'loud'; expected off, warn, info or debug"),
                refusal("an unknown property", properties("tlsorigination.rule", "/x.yaml"), null, Map.of(),
                        "system property tlsorigination.rule: " + KNOWN),
                refusal("an unknown agent argument", new Properties(), "rulez=/x.yaml", Map.of(),
                        "agent argument rulez: " + KNOWN),
                refusal("an unknown environment variable", new Properties(), null,
                        Map.of("TLSORIGINATION_RULEZ", "/x.yaml"), "environment variable TLSORIGINATION_RULEZ: unknown "
                                + "setting; known variables are TLSORIGINATION_ENABLED, TLSORIGINATION_RULES, "
                                + "TLSORIGINATION_LOG, TLSORIGINATION_ON_CONFIG_ERROR, TLSORIGINATION_HANDSHAKE_TIMEOUT, "
                                + "TLSORIGINATION_RELOAD, TLSORIGINATION_RELOAD_INTERVAL, TLSORIGINATION_GUARD, "
                                + "TLSORIGINATION_OUTBOUND_TRAFFIC_POLICY, TLSORIGINATION_REPORT and "
                                + "TLSORIGINATION_INSTRUMENTATION_<FAMILY>"),
                refusal("a family name that cannot be one", properties("tlsorigination.instrumentation.netty.4", "x"),
                        null, Map.of(), "system property tlsorigination.instrumentation.netty.4: " + KNOWN),
                refusal("an instrumentation switch that is not a boolean", new Properties(), null,
                        Map.of("TLSORIGINATION_INSTRUMENTATION_NETTY", "off"), "environment variable "
                                + "TLSORIGINATION_INSTRUMENTATION_NETTY: invalid value 'off'; expected true or false"),
                refusal("an agent argument without a value", new Properties(), "rules", Map.of(),
                        "agent arguments: rules: expected name=value (a comma inside a value is written twice)"),
                refusal("an agent argument given twice", new Properties(), "log=warn,log=info", Map.of(),
                        "agent arguments: log: given twice"),
                refusal("a timeout that is not positive", properties("tlsorigination.handshakeTimeout", "0"), null,
                        Map.of(), "system property tlsorigination.handshakeTimeout: invalid value '0'; expected a "
                                + "positive number of milliseconds"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refused(String name, Properties system, String arguments, Map<String, String> environment, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.resolve(system, arguments, environment));

        assertEquals(message, e.getMessage());
    }

    private static Arguments refusal(String name, Properties system, String arguments, Map<String, String> environment,
                                     String message) {
        return Arguments.of(name, system, arguments, new HashMap<>(environment), message);
    }

    private static Properties properties(String name, String value) {
        Properties properties = new Properties();
        properties.setProperty(name, value);
        return properties;
    }
}
