package org.tlsorigination.agent.instrument.jdk;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import org.tlsorigination.agent.bootstrap.HttpClientOrigination;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.instrument.ClientInstrumentation;

/**
 * {@code java.net.http.HttpClient}, JDK 17 to 25: an {@code http://} request, whichever version it asks for, gets
 * its connection from {@code HttpConnection.getConnection}. For a routed one the client takes its own https path
 * there, so the JDK does the TLS, with the rule's context; the request itself stays plain http, which keeps its
 * Host header and request line, and HTTP/1.1 since cleartext HTTP/2 is never negotiated over TLS. The advice names
 * only public types: the module's internal ones cannot be compiled against.
 */
public final class JdkHttpClientInstrumentation implements ClientInstrumentation {

    @Override
    public String family() {
        return "java.net.http";
    }

    @Override
    public AgentBuilder instrument(AgentBuilder agent) {
        AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice()
                .include(JdkHttpClientInstrumentation.class.getClassLoader());
        return agent
                .type(named("jdk.internal.net.http.HttpConnection"))
                .transform(advice.advice(named("getConnection").and(takesArguments(4))
                                .and(takesArgument(0, InetSocketAddress.class))
                                .and(takesArgument(2, named("jdk.internal.net.http.HttpRequestImpl"))),
                        GetConnectionAdvice.class.getName()))
                .type(named("jdk.internal.net.http.HttpRequestImpl"))
                .transform(advice.advice(named("secure").and(takesArguments(0)),
                        SecureAdvice.class.getName()))
                .type(named("jdk.internal.net.http.AbstractAsyncSSLConnection"))
                .transform(advice.advice(named("createEngine").and(takesArguments(4))
                                .and(takesArgument(0, SSLContext.class)),
                        CreateEngineAdvice.class.getName()))
                .type(named("jdk.internal.net.http.Exchange"))
                .transform(advice.advice(named("h2Upgrade").and(takesArguments(0)),
                        H2UpgradeAdvice.class.getName()))
                .type(named("jdk.internal.net.http.MultiExchange"))
                .transform(advice.advice(named("remainingConnectTimeout").and(takesArguments(0)),
                        ConnectTimeoutAdvice.class.getName())
                        .advice(named("toTimeoutException").and(takesArguments(IOException.class)),
                                ConnectTimedOutAdvice.class.getName()));
    }

    /**
     * Opens a routed connection to the route's port as a secure one. The address is left unresolved, as the client
     * keys its pool by address: its own https connections to that port, made with the app's context, are keyed by
     * a resolved one, so the two never share a connection.
     */
    public static final class GetConnectionAdvice {

        private GetConnectionAdvice() {
        }

        @Advice.OnMethodEnter
        public static Route open(@Advice.Argument(value = 0, readOnly = false) InetSocketAddress address,
                                 @Advice.Argument(2) HttpRequest request) throws ConnectException {
            Route route = HttpClientOrigination.begin(request.uri(), address);
            if (route != null) {
                address = InetSocketAddress.createUnresolved(address.getHostString(), route.port());
            }
            return route;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        public static void opened(@Advice.Enter Route route) {
            if (route != null) {
                HttpClientOrigination.end();
            }
        }
    }

    /** While a routed connection opens, its request counts as secure, which is the client's cue to make TLS. */
    public static final class SecureAdvice {

        private SecureAdvice() {
        }

        @Advice.OnMethodExit
        public static void secureWhileOpening(@Advice.Return(readOnly = false) boolean secure) {
            secure = HttpClientOrigination.secure(secure);
        }
    }

    /** The routed connection's engine comes from the rule's context, not the client's. */
    public static final class CreateEngineAdvice {

        private CreateEngineAdvice() {
        }

        @Advice.OnMethodEnter
        public static void useRuleContext(@Advice.Argument(value = 0, readOnly = false) SSLContext context) {
            context = HttpClientOrigination.sslContext(context);
        }
    }

    /**
     * HTTP/2 over cleartext starts with an {@code Upgrade: h2c} offer on an HTTP/1.1 request; over originated TLS
     * that offer means nothing, so it is not made.
     */
    public static final class H2UpgradeAdvice {

        private H2UpgradeAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        public static boolean skipOnOriginatedTls(@Advice.FieldValue("request") HttpRequest request) {
            return HttpClientOrigination.originates(request.uri());
        }
    }

    /** The connect timeout, which the client applies to handshakes too, bounds every originated one. */
    public static final class ConnectTimeoutAdvice {

        private ConnectTimeoutAdvice() {
        }

        @Advice.OnMethodExit
        public static void boundHandshake(@Advice.FieldValue("currentreq") HttpRequest request,
                                          @Advice.Return(readOnly = false) Optional<Duration> timeout) {
            timeout = HttpClientOrigination.connectTimeout(request.uri(), timeout);
        }
    }

    /** A connect timeout that passed during an originated connection's handshake names the host. */
    public static final class ConnectTimedOutAdvice {

        private ConnectTimedOutAdvice() {
        }

        @Advice.OnMethodExit
        public static void nameOrigination(@Advice.FieldValue("currentreq") HttpRequest request,
                                           @Advice.FieldValue("client") HttpClient client,
                                           @Advice.Return(readOnly = false) HttpTimeoutException failure) {
            if (failure instanceof HttpConnectTimeoutException) {
                String origination = HttpClientOrigination.handshakeTimedOut(request.uri(), client.connectTimeout());
                if (origination != null) {
                    HttpTimeoutException named = new HttpConnectTimeoutException(origination);
                    named.initCause(failure);
                    failure = named;
                }
            }
        }
    }
}
