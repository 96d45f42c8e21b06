package org.tlsorigination.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The MBeans follow the named routes of the rules in force, and a wildcard's name stays a name, not a pattern. */
class ManagementBeansTest {

    @Test
    void routeMBeansComeAndGoWithTheRulesInForce() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        RouteCounters exact = RouteCounters.of("edition.cnn.com", 80);
        RouteCounters wildcard = RouteCounters.of("*.cnn.com", 8080);
        InstalledRoutes.install(List.of(exact, wildcard, RouteCounters.unnamed()));

        ManagementBeans.sync();

        ObjectName exactName = new ObjectName("tlsorigination:type=Route,host=edition.cnn.com,port=80");
        ObjectName wildcardName = new ObjectName("tlsorigination:type=Route,host=\"\\*.cnn.com\",port=8080");
        assertTrue(server.isRegistered(new ObjectName(ManagementBeans.AGENT_NAME)));
        assertTrue(server.isRegistered(exactName));
        assertFalse(wildcardName.isPattern());
        assertTrue(server.isRegistered(wildcardName));
        assertEquals(2, server.queryNames(new ObjectName("tlsorigination:type=Route,*"), null).size());

        exact.failed();
        assertEquals(1L, server.getAttribute(exactName, "HandshakeFailures"));
        assertSame(exact, RouteCounters.of("edition.cnn.com", 80), "a reload carries a route's counters over");
        InstalledRoutes.install(List.of(exact));
        ManagementBeans.sync();

        assertFalse(server.isRegistered(wildcardName));
        assertTrue(server.isRegistered(exactName));
    }
}
