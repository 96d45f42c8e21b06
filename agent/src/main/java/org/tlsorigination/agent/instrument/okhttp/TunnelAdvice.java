package org.tlsorigination.agent.instrument.okhttp;

import java.net.Proxy;
import net.bytebuddy.asm.Advice;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.tlsorigination.agent.instrument.okhttp.injected.OriginatedAddresses;

/**
 * OkHttp through an HTTP proxy: it tunnels an originated Address, https to OkHttp, with CONNECT to the Address's
 * authority, which these hooks move to the rule's port; inside the tunnel the request goes in origin form; and a
 * proxy's refusal names the origination.
 */
public final class TunnelAdvice {

    private TunnelAdvice() {
    }

    public static final class TunnelTarget {

        private TunnelTarget() {
        }

        @Advice.OnMethodExit
        public static void toRoutedPort(@Advice.Argument(0) HttpUrl url, @Advice.Argument(1) boolean withPort,
                                        @Advice.Return(readOnly = false) String authority) throws Exception {
            authority = OriginatedAddresses.tunnelTarget(url, withPort, authority);
        }
    }

    public static final class OriginFormInTunnel {

        private OriginFormInTunnel() {
        }

        @Advice.OnMethodExit
        public static void originForm(@Advice.Argument(0) Request request, @Advice.Argument(1) Proxy.Type proxyType,
                                      @Advice.Return(readOnly = false) String line) throws Exception {
            line = OriginatedAddresses.requestLine(request, proxyType, line);
        }
    }

    public static final class NamedRefusal {

        private NamedRefusal() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        public static void nameTheOrigination(@Advice.FieldValue("route") okhttp3.Route route,
                                              @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (thrown != null) {
                thrown = OriginatedAddresses.namedRefusal(route, thrown);
            }
        }
    }
}
