package org.tlsorigination.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaults() throws ConfigException {
        Settings settings = Settings.resolve(new Properties(), null, Map.of());

        assertTrue(settings.enabled());
        assertNull(settings.rules());
        assertEquals(Settings.LogLevel.INFO, settings.log());
        assertEquals(Settings.OnConfigError.FAIL, settings.onConfigError());
        assertEquals(10_000, settings.handshakeTimeoutMillis());
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

        assertFalse(Settings.resolve(system, null, Map.of()).enabled());
    }

    @Test
    void badValueNamesTheSourceAndTheAllowedValues() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Settings.resolve(new Properties(), "log=loud", Map.of()));

        assertEquals("agent argument log: invalid value 'loud'; expected off, warn, info or debug", e.getMessage());
    }

    @Test
    void unknownSettingIsRefusedByName() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Settings.resolve(properties("tlsorigination.rule", "/x.yaml"), null, Map.of()));

        assertTrue(e.getMessage().startsWith("system property tlsorigination.rule: unknown setting"), e.getMessage());
    }

    @Test
    void agentArgumentWithoutValueIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Settings.resolve(new Properties(), "rules", Map.of()));

        assertEquals("agent arguments: rules: expected name=value", e.getMessage());
    }

    @Test
    void handshakeTimeoutMustBePositive() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Settings.resolve(properties("tlsorigination.handshakeTimeout", "0"), null, Map.of()));

        assertTrue(e.getMessage().contains("expected a positive number of milliseconds"), e.getMessage());
    }

    private static Properties properties(String name, String value) {
        Properties properties = new Properties();
        properties.setProperty(name, value);
        return properties;
    }
}
