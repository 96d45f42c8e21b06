package org.tlsorigination.agent.metrics;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The named routes of the rules in force, which the MBeans show and the next version of the rules carries over. */
public final class InstalledRoutes {
    private static volatile Map<String, RouteCounters> installed = Map.of();

    private InstalledRoutes() {
    }

    /** Called when a version of the rules is put in force, with the counters of its named routes. */
    public static void install(Collection<RouteCounters> routes) {
        Map<String, RouteCounters> named = new LinkedHashMap<>();
        for (RouteCounters route : routes) {
            if (route.host() != null) {
                named.put(key(route.host(), route.port()), route);
            }
        }
        installed = named;
    }

    static RouteCounters counters(String host, int port) {
        return installed.get(key(host, port));
    }

    static Collection<RouteCounters> all() {
        return installed.values();
    }

    private static String key(String host, int port) {
        return host + ":" + port;
    }
}
