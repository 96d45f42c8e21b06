package org.tlsorigination.agent;

import java.io.IOException;
import java.util.List;
import org.tlsorigination.agent.instrument.HelperInjector;

/**
 * Defines the {@code bootstrap} package, and nothing else of the agent, in the boot loader: JDK classes can only call
 * what the boot loader sees, and one copy there is the copy every other loader delegates to. The classes are defined
 * one by one rather than by appending a jar to the boot class path, which would turn class-data sharing off for
 * every class the app loads.
 */
final class BootstrapClasses {
    /**
     * Every class of the package, by name: a class literal here would load it into the agent's loader first. Only JDK
     * types are their supertypes, so they may be defined in any order. {@code BootstrapClassesTest} keeps the list
     * complete.
     */
    static final List<String> FACADE = List.of(
            "org.tlsorigination.agent.bootstrap.ConnectGuard",
            "org.tlsorigination.agent.bootstrap.HttpClientOrigination",
            "org.tlsorigination.agent.bootstrap.OriginatedHostnameVerifier",
            "org.tlsorigination.agent.bootstrap.Origination",
            "org.tlsorigination.agent.bootstrap.ProxiedSocket",
            "org.tlsorigination.agent.bootstrap.ProxiedSocket$Input",
            "org.tlsorigination.agent.bootstrap.ProxiedSocket$Output",
            "org.tlsorigination.agent.bootstrap.ProxyRequestHead",
            "org.tlsorigination.agent.bootstrap.ProxyRequestHead$Verdict",
            "org.tlsorigination.agent.bootstrap.ProxyTunnel",
            "org.tlsorigination.agent.bootstrap.ProxyTunnel$Head",
            "org.tlsorigination.agent.bootstrap.ProxyTunnel$Login",
            "org.tlsorigination.agent.bootstrap.Route",
            "org.tlsorigination.agent.bootstrap.Router",
            "org.tlsorigination.agent.bootstrap.SocketOrigination",
            "org.tlsorigination.agent.bootstrap.SocketOrigination$Layer");

    private BootstrapClasses() {
    }

    static void defineInBootLoader(HelperInjector injector) throws IOException {
        injector.defineInBootLoader(FACADE);
    }
}
