package org.tlsorigination.agent.instrument.apache.asyncclient5;

import java.net.ConnectException;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.nio.ManagedAsyncClientConnection;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.tlsorigination.agent.instrument.apache.asyncclient5.injected.OriginatedTunnels;
import org.tlsorigination.agent.instrument.apache.httpclient5.injected.OriginatedConnections;

/**
 * HttpClient 5 async through an HTTP proxy: an originated route becomes the client's own tunnel to the rule's port, a
 * proxy's refusal of it fails the request, and the rule's TLS is layered in it ({@link OriginatedTunnels}); any other
 * route through a proxy is refused for an originated host.
 */
public final class TunnelAdvice {

    private TunnelAdvice() {
    }

    /** A route through a proxy that is not the agent's tunnel (a redirect's, say) is refused for an originated host. */
    public static final class ProxiedRoute {

        private ProxiedRoute() {
        }

        @Advice.OnMethodEnter
        public static void refuseThroughProxy(@Advice.Argument(2) AsyncExecChain.Scope scope)
                throws ConnectException {
            if (!OriginatedTunnels.isOriginatedTunnel(scope.route)) {
                OriginatedConnections.refuseThroughProxy(scope.route);
            }
        }
    }

    /** An originated route through an HTTP proxy becomes the client's own tunnel to the rule's port. */
    public static final class Tunnel {

        private Tunnel() {
        }

        @Advice.OnMethodExit
        public static void tunnelThroughProxy(@Advice.Return(readOnly = false) HttpRoute route,
                                              @Advice.AllArguments Object[] arguments) throws ConnectException {
            route = OriginatedTunnels.throughTunnel(route, (HttpClientContext) arguments[arguments.length - 1]);
        }
    }

    public static final class NextHop {

        private NextHop() {
        }

        @Advice.OnMethodEnter
        public static void watchProxyAnswer(@Advice.Argument(3) AsyncExecChain.Scope scope,
                                            @Advice.Argument(value = 5, readOnly = false) AsyncExecCallback callback) {
            callback = OriginatedTunnels.building(callback, scope.route, scope.clientContext);
        }
    }

    public static final class Layering {

        private Layering() {
        }

        @Advice.OnMethodEnter
        public static void handRuleToOperator(@Advice.Argument(value = 1, readOnly = false) Object attachment,
                                              @Advice.Argument(2) HttpContext context) {
            attachment = OriginatedTunnels.layering(attachment, context);
        }
    }

    public static final class SecureTunnel {

        private SecureTunnel() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        public static boolean secure(@Advice.Argument(0) ManagedAsyncClientConnection connection,
                                     @Advice.Argument(1) HttpHost host, @Advice.Argument(3) Object attachment,
                                     @Advice.Argument(5) FutureCallback<ManagedAsyncClientConnection> callback) {
            return OriginatedTunnels.secure(connection, host, attachment, callback);
        }
    }

    public static final class SecureTunnel50 {

        private SecureTunnel50() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        public static boolean secure(@Advice.Argument(0) ManagedAsyncClientConnection connection,
                                     @Advice.Argument(1) HttpHost host, @Advice.Argument(2) Object attachment) {
            return OriginatedTunnels.secure(connection, host, attachment, null);
        }
    }
}
