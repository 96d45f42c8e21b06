package org.tlsorigination.testapps.jetty;

import org.tlsorigination.testapps.harness.ClientUnderTest;

/** What the claimed Jetty release lines do differently through a proxy. */
final class JettyLines {
    private JettyLines() {
    }

    /** Whether the agent tunnels this version's requests through a proxy: 12.1 does, 12.0 is refused. */
    static boolean tunnels(ClientUnderTest client) {
        return !client.version().name().startsWith("12.0.");
    }
}
