package org.tlsorigination.agent;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.tlsorigination.agent.bootstrap.ConnectGuard;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.SocketOrigination;
import org.tlsorigination.agent.config.ConfigException;
import org.tlsorigination.agent.config.LoadedRules;
import org.tlsorigination.agent.config.Settings;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Families;
import org.tlsorigination.agent.instrument.HelperInjector;
import org.tlsorigination.agent.instrument.HookedTypesTransformer;
import org.tlsorigination.agent.instrument.jdk.socket.SocketInstrumentation;
import org.tlsorigination.agent.metrics.AgentCounters;
import org.tlsorigination.agent.route.Decision;
import org.tlsorigination.agent.route.RouteTable;

/**
 * Loads the rules, hands them to the facade, and installs the transformer that rewrites every client family's hooked
 * types, with Byte Buddy, once the first of them is loaded.
 */
final class AgentInstaller {

    private AgentInstaller() {
    }

    /** Starts reading the settings' rules file, which must be set, while the caller goes on with the start. */
    static RulesInAdvance readRules(Settings settings) throws ConfigException {
        if (settings.rules() == null) {
            throw new ConfigException("tlsorigination.rules", 0, null, "no rules file is set; give one with "
                    + "-Dtlsorigination.rules=<file>, the agent argument rules=<file> or TLSORIGINATION_RULES");
        }
        return RulesInAdvance.start(settings.rules());
    }

    static void install(Settings settings, RulesInAdvance reading, Instrumentation instrumentation,
            HelperInjector helpers, boolean atLaunch) throws ConfigException, IOException, InterruptedException {
        requireFacadeOnBootstrapPath();
        Path rulesFile = settings.rules();
        List<ClientFamily> families = switchedOn(settings);
        RulesRouter router = RulesRouter.of(settings, reading.await());
        LoadedRules rules = router.rules();
        for (String note : rules.notes()) {
            Log.info(note);
        }
        for (String warning : rules.warnings()) {
            Log.warn(warning);
        }
        router.install();

        // Instrumented JDK classes call the facade, which sits in the boot loader's unnamed module.
        Set<Module> facade = Set.of(Origination.class.getModule());
        instrumentation.redefineModule(Object.class.getModule(), facade, Map.of(), Map.of(), Set.of(), Map.of());
        Optional<Module> httpClient = ModuleLayer.boot().findModule("java.net.http");
        if (httpClient.isPresent()) {
            instrumentation.redefineModule(httpClient.get(), facade, Map.of(), Map.of(), Set.of(), Map.of());
        }
        // The socket level also holds the guard, which covers what origination cannot reach.
        SocketOrigination.install(settings.instrumented(SocketInstrumentation.FAMILY.key()), settings.guard());
        if (settings.guard()) {
            installGuard();
            if (!families.contains(SocketInstrumentation.FAMILY)) {
                families.add(SocketInstrumentation.FAMILY);
            }
            families.add(Families.appTls());
        }
        HookedTypesTransformer.install(instrumentation, families, helpers);
        List<String> names = new ArrayList<>();
        for (ClientFamily family : families) {
            names.add(family.name());
        }

        String started = rules.table().size() + " TLS origination rules loaded from " + rulesFile + " ("
                + rules.resourceCount() + " resources) by " + AgentState.version() + "; instrumenting "
                + String.join(", ", names)
                + (settings.report() == null ? "" : "; reporting plain-text destinations to " + settings.report());
        Log.info(started);
        if (Log.enabled(Log.Level.DEBUG)) {
            logRoutes(rules.table());
        }
        if (settings.reload()) {
            RulesWatcher.start(settings, router);
        }
        Operations.start(settings, atLaunch ? null : rules.table());
        AgentState.started(started);
    }

    /** The families the settings leave on; a switch that names no family is a mistake worth stopping for. */
    private static List<ClientFamily> switchedOn(Settings settings) throws ConfigException {
        List<ClientFamily> all = Families.all();
        List<String> keys = new ArrayList<>();
        List<ClientFamily> on = new ArrayList<>();
        for (ClientFamily family : all) {
            keys.add(family.key());
            if (settings.instrumented(family.key())) {
                on.add(family);
            }
        }
        for (String key : settings.instrumentationSwitches()) {
            if (!keys.contains(key)) {
                throw new ConfigException("tlsorigination.instrumentation." + key, 0, null,
                        "no client family is called " + key + "; the families are " + String.join(", ", keys));
            }
        }
        return on;
    }

    private static void installGuard() {
        Set<String> warnedCallers = ConcurrentHashMap.newKeySet();
        ConnectGuard.install(caller -> {
            AgentCounters.AGENT.refused();
            if (warnedCallers.add(caller)) {
                Log.warn("refused a plain-text connection from " + caller + ", which the agent does not rewrite, "
                        + "to a host and port that a rule sends over TLS");
            }
        });
    }

    private static void requireFacadeOnBootstrapPath() {
        if (Origination.class.getClassLoader() != null) {
            throw new IllegalStateException("the facade was loaded by " + Origination.class.getClassLoader()
                    + " instead of the bootstrap class loader");
        }
    }

    private static void logRoutes(RouteTable table) {
        new TreeMap<>(table.entries()).forEach((host, ports) -> new TreeMap<>(ports).forEach((port, decision) -> {
            if (decision.originates()) {
                Log.debug("route " + host + ":" + port + " -> " + describe(decision));
            }
        }));
    }

    private static String describe(Decision decision) {
        return "TLS to port " + decision.port() + " (" + decision.tls() + ")";
    }
}
