package org.tlsorigination.agent.metrics;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.tlsorigination.agent.Log;

/**
 * Registers {@code tlsorigination:type=Agent} and one {@code tlsorigination:type=Route,host=HOST,port=PORT} per named
 * route of the rules in force on the platform MBean server, where jconsole and JMX clients look. Only the agent's
 * operations thread calls it, and only once the platform MBean server exists: making it costs a few hundred
 * milliseconds of CPU and some 700 classes, which an app that never uses JMX should not pay for the agent's
 * counters. jconsole, an exporter or remote JMX make it, and the MBeans follow within an interval.
 */
public final class ManagementBeans {
    static final String AGENT_NAME = "tlsorigination:type=Agent";

    private static final Map<RouteCounters, ObjectName> REGISTERED = new IdentityHashMap<>();
    private static MBeanServer server;

    private ManagementBeans() {
    }

    /**
     * Registers the agent's MBean once JMX is in use, then brings the route MBeans in line with the rules in force.
     * The platform MBean server is made through {@link MBeanServerFactory}, which lists it without making one.
     */
    public static synchronized void sync() throws JMException {
        if (server == null) {
            if (MBeanServerFactory.findMBeanServer(null).isEmpty()) {
                return;
            }
            MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
            platform.registerMBean(AgentCounters.AGENT, new ObjectName(AGENT_NAME));
            server = platform;
        }
        Collection<RouteCounters> installed = InstalledRoutes.all();
        Map<RouteCounters, Boolean> current = new IdentityHashMap<>();
        installed.forEach(route -> current.put(route, Boolean.TRUE));
        for (Iterator<Map.Entry<RouteCounters, ObjectName>> it = REGISTERED.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<RouteCounters, ObjectName> registered = it.next();
            if (!current.containsKey(registered.getKey())) {
                server.unregisterMBean(registered.getValue());
                it.remove();
            }
        }
        int added = 0;
        for (RouteCounters route : installed) {
            if (!REGISTERED.containsKey(route)) {
                ObjectName name = routeName(route.host(), route.port());
                server.registerMBean(route, name);
                REGISTERED.put(route, name);
                added++;
            }
        }
        if (added > 0) {
            Log.debug("registered " + added + " route MBeans; " + REGISTERED.size() + " in all beside " + AGENT_NAME);
        }
    }

    /** A wildcard pattern's {@code *} would make the name a pattern itself, so such a host is quoted. */
    static ObjectName routeName(String host, int port) throws JMException {
        boolean plain = host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-');
        return new ObjectName("tlsorigination:type=Route,host=" + (plain ? host : ObjectName.quote(host)) + ",port="
                + port);
    }
}
