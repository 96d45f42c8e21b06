package org.tlsorigination.agent.instrument.apache.asyncclient5.injected;

import java.io.IOException;
import java.net.ConnectException;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.RouteInfo.LayerType;
import org.apache.hc.client5.http.RouteInfo.TunnelType;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.nio.ManagedAsyncClientConnection;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.ProxyTunnel;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * Apache HttpClient 5 async's originated requests through an HTTP proxy, in the library's class loader. The request's
 * route becomes a tunnelled and layered one to the rule's port whose target keeps the {@code http} scheme, so the
 * client opens its own tunnel (its CONNECT, its proxy credentials, its pool, which never mixes it with the app's own
 * https routes); the client has no TLS strategy for {@code http}, so the agent layers the rule's TLS in the tunnel
 * itself. The exchange's context carries the rule from the route to the layering, and each building of such a route
 * goes through one of these callbacks, which fails the request with the proxy's answer when the proxy did not open
 * the tunnel, rather than hand the app the proxy's page as the origin's.
 */
public final class OriginatedTunnels implements AsyncExecCallback {
    private static final String ROUTE_ATTRIBUTE = "org.tlsorigination.agent.route";
    private static final String BUILDING_ATTRIBUTE = "org.tlsorigination.agent.tunnel";

    private final AsyncExecCallback app;
    private final HttpRoute route;
    private volatile boolean layered;

    private OriginatedTunnels(AsyncExecCallback app, HttpRoute route) {
        this.app = app;
        this.route = route;
    }

    /**
     * The route a request takes: through a proxy, for a host a rule originates, a tunnel to the rule's port with TLS
     * layered in it; otherwise {@code route} itself. A chain of proxies is refused for such a host.
     */
    public static HttpRoute throughTunnel(HttpRoute route, HttpContext context) throws ConnectException {
        HttpHost proxy = route.getProxyHost();
        HttpHost target = route.getTargetHost();
        if (proxy == null || isOriginatedTunnel(route)) {
            return route;
        }
        Route origination = Origination.routeThroughTunnel(target.getSchemeName(), target.getHostName(),
                target.getPort(), proxy.getHostName(), proxy.getPort(), route.getHopCount() > 2);
        context.setAttribute(ROUTE_ATTRIBUTE, origination);
        return origination == null ? route : new HttpRoute(new HttpHost(target.getSchemeName(), target.getHostName(),
                origination.port()), route.getLocalAddress(), proxy, true, TunnelType.TUNNELLED, LayerType.LAYERED);
    }

    /** An http target reached through a tunnel with TLS layered in it: only the agent makes such a route. */
    public static boolean isOriginatedTunnel(HttpRoute route) {
        return route.getProxyHost() != null && route.isTunnelled() && route.isLayered()
                && "http".equalsIgnoreCase(route.getTargetHost().getSchemeName());
    }

    /** The callback of a building of {@code route}: for an originated tunnel, one that watches the proxy's answer. */
    public static AsyncExecCallback building(AsyncExecCallback callback, HttpRoute route, HttpContext context) {
        if (callback instanceof OriginatedTunnels) {
            return callback;
        }
        if (!isOriginatedTunnel(route)) {
            context.removeAttribute(BUILDING_ATTRIBUTE);
            return callback;
        }
        OriginatedTunnels building = new OriginatedTunnels(callback, route);
        context.setAttribute(BUILDING_ATTRIBUTE, building);
        return building;
    }

    /**
     * What the connection manager hands its operator to layer TLS: the rule itself, for the originated tunnel this
     * exchange is building.
     */
    public static Object layering(Object attachment, HttpContext context) {
        Object building = context == null ? null : context.getAttribute(BUILDING_ATTRIBUTE);
        Object origination = context == null ? null : context.getAttribute(ROUTE_ATTRIBUTE);
        if (building instanceof OriginatedTunnels && origination instanceof Route) {
            ((OriginatedTunnels) building).layered = true;
            return origination;
        }
        return attachment;
    }

    /**
     * Layers the rule's TLS in an originated tunnel, where the operator would look up the app's TLS strategy; false for
     * any other upgrade. HttpCore holds the request until the handshake is done, and its socket timeout bounds it; its
     * failure names the host, as on a direct connection. The client has no TLS for an http host, so one the agent
     * cannot layer (its rule gone from the exchange) is closed: the request fails rather than go in plain text into
     * the tunnel.
     */
    public static boolean secure(ManagedAsyncClientConnection connection, HttpHost host, Object attachment,
                                 FutureCallback<ManagedAsyncClientConnection> callback) {
        if (!"http".equalsIgnoreCase(host.getSchemeName())) {
            return false;
        }
        if (!(attachment instanceof Route)) {
            connection.close(CloseMode.IMMEDIATE);
            if (callback != null) {
                callback.failed(new ConnectException("TLS origination to " + host.toHostString()
                        + " cannot be layered in the proxy's tunnel"));
            }
            return true;
        }
        OriginatedHandshake.startTls(connection, (Route) attachment, host.getHostName(), null);
        if (callback != null) {
            callback.completed(connection);
        }
        return true;
    }

    @Override
    public AsyncDataConsumer handleResponse(HttpResponse response, EntityDetails entityDetails)
            throws HttpException, IOException {
        if (!layered) {
            HttpHost target = route.getTargetHost();
            HttpHost proxy = route.getProxyHost();
            throw ProxyTunnel.refused(target.getHostName(), target.getPort(), proxy.getHostName() + ":"
                    + proxy.getPort(), response.getCode() + " " + response.getReasonPhrase());
        }
        return app.handleResponse(response, entityDetails);
    }

    @Override
    public void handleInformationResponse(HttpResponse response)
            throws HttpException, IOException {
        app.handleInformationResponse(response);
    }

    @Override
    public void completed() {
        app.completed();
    }

    @Override
    public void failed(Exception cause) {
        app.failed(cause);
    }
}
