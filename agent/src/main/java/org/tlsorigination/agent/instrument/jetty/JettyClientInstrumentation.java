package org.tlsorigination.agent.instrument.jetty;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;

import net.bytebuddy.agent.builder.AgentBuilder;
import org.tlsorigination.agent.instrument.ClientInstrumentation;
import org.tlsorigination.agent.instrument.Hook;
import org.tlsorigination.agent.instrument.MissingHookWarning;

/**
 * Jetty {@code HttpClient} 12.1 (tested: 12.1.3 and 12.1.14). Every connection of every destination is made by
 * {@code HttpClient.connect} with a context that says whether it is secured: a plain http connection that a rule
 * originates gets the route's port and, in that context, an {@code SslContextFactory} over the rule's context, so
 * Jetty layers its own TLS over it. The pool stays keyed by the app's http destination, all of whose connections are
 * then TLS. Jetty's connect timeout ends with the TCP connect, so the TLS layer's creation starts a deadline of the
 * same length for the handshake.
 *
 * <p>Jetty 12 ships Java 17 class files and the agent is built for Java 11, so the advice is compiled apart
 * ({@code src/main/java17}) and named here by string; Byte Buddy reads its bytes and never loads it.
 */
public final class JettyClientInstrumentation implements ClientInstrumentation {
    private static final String ADVICE = "org.tlsorigination.agent.instrument.jetty.JettyClientAdvice$";

    /** Jetty 12.1: connects one address of a destination, before the connection factory is chosen from the context. */
    static final Hook CONNECT = Hook.of("org.eclipse.jetty.client.HttpClient", "connect",
            "java.net.SocketAddress", "java.util.Map");
    /** Wraps a connected endpoint in TLS and puts the engine in the context. */
    static final Hook TLS_CONNECTION = Hook.of("org.eclipse.jetty.io.ssl.SslClientConnectionFactory",
            "newConnection", "org.eclipse.jetty.io.EndPoint", "java.util.Map");

    @Override
    public String family() {
        return "Jetty HttpClient 12";
    }

    @Override
    public AgentBuilder instrument(AgentBuilder agent) {
        AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice()
                .include(JettyClientInstrumentation.class.getClassLoader());
        return agent.with(new MissingHookWarning("Jetty HttpClient", CONNECT.typeName(),
                        "META-INF/maven/org.eclipse.jetty/jetty-client/pom.properties", CONNECT, TLS_CONNECTION))
                .type(CONNECT.type().and(declaresMethod(CONNECT.method())))
                .transform(advice.advice(CONNECT.method(), ADVICE + "OriginateOnConnect"))
                .type(TLS_CONNECTION.type().and(declaresMethod(TLS_CONNECTION.method())))
                .transform(advice.advice(TLS_CONNECTION.method(), ADVICE + "BoundHandshake"));
    }
}
