package org.tlsorigination.agent;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import org.tlsorigination.agent.config.ConfigException;
import org.tlsorigination.agent.config.Settings;
import org.tlsorigination.agent.instrument.HelperInjector;

/**
 * The {@code -javaagent} entry point. Nothing here may touch the {@code bootstrap} package before
 * {@link BootstrapClasses} has defined it in the boot loader, or the app's loader would keep a second copy.
 */
public final class TlsOriginationAgent {
    /** EX_CONFIG of sysexits.h: the agent refused to start, before the app's {@code main} ran. */
    static final int REFUSED_TO_START = 78;

    private TlsOriginationAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, true);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, false);
    }

    private static void start(String arguments, Instrumentation instrumentation, boolean atLaunch) {
        try {
            Settings settings = Settings.fromEnvironment(arguments);
            if (!settings.enabled()) {
                return;
            }
            Log.setLevel(Log.Level.valueOf(settings.log().name()));
            HelperInjector injector = HelperInjector.create(instrumentation);
            BootstrapClasses.defineInBootLoader(injector);
            AgentInstaller.install(settings, instrumentation, injector);
        } catch (ConfigException e) {
            refuse(e.getMessage(), Settings.onConfigErrorOrDefault(arguments), atLaunch);
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            refuse("cannot start: " + e, Settings.onConfigErrorOrDefault(arguments), atLaunch);
        }
    }

    private static void refuse(String reason, Settings.OnConfigError onConfigError, boolean atLaunch) {
        if (onConfigError == Settings.OnConfigError.DISABLE) {
            Log.error(reason);
            Log.warn("TLS origination is disabled (onConfigError=disable): matching connections go out as the app "
                    + "sends them");
            return;
        }
        Log.print("error: " + reason);
        if (atLaunch) {
            Log.print("stopping the JVM before the application starts (onConfigError=fail)");
            System.exit(REFUSED_TO_START);
        }
        throw new IllegalStateException("tls-origination agent refused to start: " + reason);
    }
}
