package org.tlsorigination.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import org.tlsorigination.agent.instrument.apache.asyncclient4.ApacheHttpAsyncClient4Instrumentation;
import org.tlsorigination.agent.instrument.apache.asyncclient5.ApacheHttpAsyncClient5Instrumentation;
import org.tlsorigination.agent.instrument.apache.httpclient4.ApacheHttpClient4Instrumentation;
import org.tlsorigination.agent.instrument.apache.httpclient5.ApacheHttpClient5Instrumentation;
import org.tlsorigination.agent.instrument.asynchttpclient.AsyncHttpClientInstrumentation;
import org.tlsorigination.agent.instrument.jdk.httpclient.JdkHttpClientInstrumentation;
import org.tlsorigination.agent.instrument.jdk.socket.SocketInstrumentation;
import org.tlsorigination.agent.instrument.jdk.tls.AppTlsInstrumentation;
import org.tlsorigination.agent.instrument.jdk.urlconnection.HttpUrlConnectionInstrumentation;
import org.tlsorigination.agent.instrument.jetty.JettyClientInstrumentation;
import org.tlsorigination.agent.instrument.netty.NettyInstrumentation;
import org.tlsorigination.agent.instrument.okhttp.OkHttpInstrumentation;
import org.tlsorigination.agent.instrument.vertx.VertxInstrumentation;

/** Every client family the agent rewrites: adding one is one line here. */
public final class Families {
    private Families() {
    }

    /** The families switched by {@code tlsorigination.instrumentation.<key>}, in the order they are installed. */
    public static List<ClientFamily> all() {
        List<ClientFamily> families = new ArrayList<>(List.of(
                HttpUrlConnectionInstrumentation.FAMILY,
                JdkHttpClientInstrumentation.FAMILY,
                ApacheHttpClient4Instrumentation.FAMILY,
                ApacheHttpAsyncClient4Instrumentation.FAMILY,
                ApacheHttpClient5Instrumentation.FAMILY,
                ApacheHttpAsyncClient5Instrumentation.FAMILY,
                NettyInstrumentation.FAMILY,
                AsyncHttpClientInstrumentation.FAMILY,
                VertxInstrumentation.FAMILY,
                OkHttpInstrumentation.FAMILY,
                JettyClientInstrumentation.FAMILY));
        // Last: the socket level is for every client the families above leave out.
        families.add(SocketInstrumentation.FAMILY);
        return families;
    }

    /** The app's own TLS clients, which the guard's count of plain-text connects sets apart; switched with it. */
    public static ClientFamily appTls() {
        return AppTlsInstrumentation.FAMILY;
    }
}
