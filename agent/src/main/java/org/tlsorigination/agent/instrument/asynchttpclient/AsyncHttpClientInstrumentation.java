package org.tlsorigination.agent.instrument.asynchttpclient;

import io.netty.bootstrap.Bootstrap;
import io.netty.util.concurrent.Future;
import java.net.ConnectException;
import net.bytebuddy.asm.Advice;
import org.asynchttpclient.proxy.ProxyServer;
import org.asynchttpclient.uri.Uri;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;
import org.tlsorigination.agent.instrument.asynchttpclient.injected.AppBootstraps;

/**
 * AsyncHttpClient: its plain http requests are originated by the Netty family, on whose channels it runs; this family
 * keeps its own https from being wrapped twice and tunnels an originated request through an HTTP proxy
 * ({@link AppBootstraps}).
 */
public final class AsyncHttpClientInstrumentation {
    /** 3.0: picks the bootstrap for a request's URI, its resolver and its proxy. */
    static final Hook GET_BOOTSTRAP = Hook.method("org.asynchttpclient.netty.channel.ChannelManager", "getBootstrap",
            "org.asynchttpclient.uri.Uri", "io.netty.resolver.NameResolver", "org.asynchttpclient.proxy.ProxyServer");

    public static final ClientFamily FAMILY = ClientFamily.named("async-http-client", "AsyncHttpClient",
                    AsyncHttpClientInstrumentation.class)
            .library("AsyncHttpClient", "3.0.13",
                    "META-INF/maven/org.asynchttpclient/async-http-client/pom.properties")
            .hooks(GET_BOOTSTRAP.advisedBy("AppBootstrapAdvice"))
            .helpers("AppBootstraps", "AppBootstraps$ThroughProxy")
            .build();

    private AsyncHttpClientInstrumentation() {
    }

    public static final class AppBootstrapAdvice {

        private AppBootstrapAdvice() {
        }

        @Advice.OnMethodExit
        public static void markOrTunnel(@Advice.Argument(0) Uri uri,
                                        @Advice.Argument(2) ProxyServer proxy,
                                        @Advice.Return(readOnly = false) Future<Bootstrap> bootstrap)
                throws ConnectException {
            bootstrap = AppBootstraps.markOrTunnel(uri, proxy, bootstrap);
        }
    }
}
