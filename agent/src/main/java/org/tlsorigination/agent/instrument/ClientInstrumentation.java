package org.tlsorigination.agent.instrument;

import net.bytebuddy.agent.builder.AgentBuilder;

/** One client family's connect points. Its advice only hands off to the bootstrap facade. */
public interface ClientInstrumentation {

    /** The family's name as logs and the README call it. */
    String family();

    AgentBuilder instrument(AgentBuilder agent);
}
