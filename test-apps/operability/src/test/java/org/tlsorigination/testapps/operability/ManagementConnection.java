package org.tlsorigination.testapps.operability;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The agent's MBeans in a child JVM, read as jconsole reads them: through the attach API, which starts the JVM's
 * local management agent, and a JMX connector to it.
 */
final class ManagementConnection implements AutoCloseable {
    static final String AGENT = "tlsorigination:type=Agent";

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private ManagementConnection(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    static ManagementConnection to(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        return new ManagementConnection(JMXConnectorFactory.connect(new JMXServiceURL(address)));
    }

    /** The pid of the child JVM started with {@code argument} on its command line. */
    static long pidOf(String argument) {
        return ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains(argument))
                .findFirst().orElseThrow(() -> new AssertionError("no child JVM has the argument " + argument))
                .pid();
    }

    boolean registered(String name) throws IOException, JMException {
        return server.isRegistered(new ObjectName(name));
    }

    Object attribute(String name, String attribute) throws IOException, JMException {
        return server.getAttribute(new ObjectName(name), attribute);
    }

    long agent(String attribute) throws IOException, JMException {
        return ((Number) attribute(AGENT, attribute)).longValue();
    }

    long route(String host, int port, String attribute) throws IOException, JMException {
        return ((Number) attribute("tlsorigination:type=Route,host=" + host + ",port=" + port, attribute)).longValue();
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
