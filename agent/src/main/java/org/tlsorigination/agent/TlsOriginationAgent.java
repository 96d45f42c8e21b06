package org.tlsorigination.agent;

import java.lang.instrument.Instrumentation;
import org.tlsorigination.agent.config.Settings;
import org.tlsorigination.agent.instrument.HelperInjector;

/**
 * The {@code -javaagent} entry point. Nothing here may touch the {@code bootstrap} package before
 * {@link BootstrapClasses} has defined it in the boot loader, or the app's loader would keep a second copy.
 */
public final class TlsOriginationAgent {

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
            String firstCopy = SingleCopy.claim();
            if (firstCopy != null) {
                Log.warn("the agent is loaded more than once (named twice, in JAVA_TOOL_OPTIONS too, or attached); "
                        + "the copy from " + firstCopy + " already runs, so this one does nothing");
                return;
            }
            Settings settings = Settings.fromEnvironment(arguments);
            if (!settings.enabled()) {
                AgentState.disabled();
                return;
            }
            Log.setLevel(Log.Level.valueOf(settings.log().name()));
            RulesInAdvance rules = AgentInstaller.readRules(settings);
            HelperInjector injector = HelperInjector.create(instrumentation);
            BootstrapClasses.defineInBootLoader(injector);
            AgentInstaller.install(settings, rules, instrumentation, injector, atLaunch);
        } catch (Throwable failure) {
            StartupFailure.refuse(failure, arguments, atLaunch);
        }
    }
}
