package org.tlsorigination.agent.instrument.jdk.httpclient;

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
import java.util.Arrays;
import net.bytebuddy.asm.Advice;
import org.tlsorigination.agent.bootstrap.HttpClientOrigination;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;

/**
 * {@code java.net.http.HttpClient}, JDK 17 to 25: an {@code http://} request, whichever version it asks for, gets
 * its connection from {@code HttpConnection.getConnection}. For a routed one the client takes its own https path
 * there, so the JDK does the TLS, with the rule's context; the request itself stays plain http, which keeps its
 * Host header and request line, and HTTP/1.1 since cleartext HTTP/2 is never negotiated over TLS. The advice names
 * only public types: the module's internal ones cannot be compiled against.
 */
public final class JdkHttpClientInstrumentation {
    private static final String PACKAGE = "jdk.internal.net.http.";

    /** Every connection of every request, whichever HTTP version it asks for, comes from here. */
    static final Hook GET_CONNECTION = Hook.method(PACKAGE + "HttpConnection", "getConnection",
            "java.net.InetSocketAddress", PACKAGE + "HttpClientImpl", PACKAGE + "HttpRequestImpl",
            "java.net.http.HttpClient$Version");
    /** Whether the request's connection is TLS: the client's cue to make an engine. */
    static final Hook SECURE = Hook.method(PACKAGE + "HttpRequestImpl", "secure");
    static final Hook CREATE_ENGINE = Hook.method(PACKAGE + "AbstractAsyncSSLConnection", "createEngine",
            "javax.net.ssl.SSLContext", "java.lang.String", "int", "javax.net.ssl.SSLParameters");
    static final Hook H2_UPGRADE = Hook.method(PACKAGE + "Exchange", "h2Upgrade");
    static final Hook REMAINING_CONNECT_TIMEOUT = Hook.method(PACKAGE + "MultiExchange", "remainingConnectTimeout");
    static final Hook TO_TIMEOUT_EXCEPTION = Hook.method(PACKAGE + "MultiExchange", "toTimeoutException",
            "java.io.IOException");
    /** The request target of the request line: absolute for a plain request to a proxy, so also in a tunnel. */
    static final Hook REQUEST_URI = Hook.method(PACKAGE + "Http1Request", "requestURI");

    /** Where every failure of a request passes; JDK 21 added the exchange it failed on. */
    static final Hook EXCEPTIONAL_RESPONSE = Hook.method(PACKAGE + "MultiExchange", "getExceptionalCF",
            "java.lang.Throwable", PACKAGE + "ExchangeImpl");
    static final Hook EXCEPTIONAL_RESPONSE_BEFORE_21 = Hook.method(PACKAGE + "MultiExchange", "getExceptionalCF",
            "java.lang.Throwable");

    private static final Hook[] COMMON = {GET_CONNECTION.advisedBy("GetConnectionAdvice"),
        SECURE.advisedBy("SecureAdvice"),
        CREATE_ENGINE.advisedBy("CreateEngineAdvice"),
        H2_UPGRADE.advisedBy("H2UpgradeAdvice"),
        REMAINING_CONNECT_TIMEOUT.advisedBy("ConnectTimeoutAdvice"),
        TO_TIMEOUT_EXCEPTION.advisedBy("ConnectTimedOutAdvice"),
        REQUEST_URI.advisedBy("RequestTargetAdvice")};

    public static final ClientFamily FAMILY = ClientFamily.named("java-http-client", "java.net.http",
                    JdkHttpClientInstrumentation.class)
            .library(ClientFamily.JDK, "17 and 25", null)
            .generation("21 and later", with(EXCEPTIONAL_RESPONSE.advisedBy("FailureNamedAdvice")))
            .generation("17", with(EXCEPTIONAL_RESPONSE_BEFORE_21.advisedBy("FailureNamedAdvice")))
            .build();

    private static Hook[] with(Hook failureHook) {
        Hook[] hooks = Arrays.copyOf(COMMON, COMMON.length + 1);
        hooks[COMMON.length] = failureHook;
        return hooks;
    }

    private JdkHttpClientInstrumentation() {
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

    /** An originated request through a proxy runs in a tunnel to the server: its request line has the origin form. */
    public static final class RequestTargetAdvice {

        private RequestTargetAdvice() {
        }

        @Advice.OnMethodExit
        public static void originFormInTunnel(@Advice.FieldValue("request") HttpRequest request,
                                              @Advice.Return(readOnly = false) String target) {
            target = HttpClientOrigination.requestTarget(request.method(), request.uri(), target);
        }
    }

    /**
     * An originated request's failure that the client's own code raised names the host: a handshake the server ended,
     * or a proxy that refused the tunnel, with its answer.
     */
    public static final class FailureNamedAdvice {

        private FailureNamedAdvice() {
        }

        @Advice.OnMethodEnter
        public static void nameOrigination(@Advice.FieldValue("currentreq") HttpRequest request,
                                     @Advice.FieldValue("client") HttpClient client,
                                     @Advice.Argument(value = 0, readOnly = false) Throwable failure) {
            failure = HttpClientOrigination.failureToReport(request.uri(), client.proxy(), failure);
        }
    }
}
