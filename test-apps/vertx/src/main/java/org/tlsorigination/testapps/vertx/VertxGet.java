package org.tlsorigination.testapps.vertx;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A legacy client on the Vert.x {@code HttpClient} with its default connection pool: GET requests one after another,
 * N to each URL in turn, one line printed per response or failure; it exits with 1 if any failed.
 * Usage: {@code VertxGet [--requests N] [--connect-timeout MILLIS] [--max-pool-size N] [--proxy HOST:PORT]
 * [--socks-proxy HOST:PORT] [--proxy-user USER:PASSWORD] [--non-proxy-hosts HOST] [--proxy-on-request] URL...};
 * {@code --proxy-on-request} gives the proxy and its credentials to each request's options instead of the client's.
 */
public final class VertxGet {
    private static final int RESPONSE_WAIT_SECONDS = 30;

    private VertxGet() {
    }

    public static void main(String[] args) throws Exception {
        int requests = 1;
        int connectTimeoutMillis = HttpClientOptions.DEFAULT_CONNECT_TIMEOUT;
        int maxPoolSize = PoolOptions.DEFAULT_MAX_POOL_SIZE;
        List<String> urls = new ArrayList<>();
        ProxyOptions proxy = null;
        String[] login = null;
        String nonProxyHost = null;
        boolean proxyOnRequest = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--requests")) {
                requests = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--connect-timeout")) {
                connectTimeoutMillis = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--proxy") || args[i].equals("--socks-proxy")) {
                ProxyType type = args[i].equals("--proxy") ? ProxyType.HTTP : ProxyType.SOCKS5;
                String[] hostAndPort = args[++i].split(":");
                proxy = new ProxyOptions().setType(type).setHost(hostAndPort[0])
                        .setPort(Integer.parseInt(hostAndPort[1]));
            } else if (args[i].equals("--proxy-user")) {
                login = args[++i].split(":", 2);
            } else if (args[i].equals("--non-proxy-hosts")) {
                nonProxyHost = args[++i];
            } else if (args[i].equals("--proxy-on-request")) {
                proxyOnRequest = true;
            } else if (args[i].equals("--max-pool-size")) {
                maxPoolSize = Integer.parseInt(args[++i]);
            } else {
                urls.add(args[i]);
            }
        }
        if (proxy != null && login != null) {
            proxy.setUsername(login[0]).setPassword(login[1]);
        }
        ProxyOptions requestProxy = proxyOnRequest ? proxy : null;
        HttpClientOptions options = new HttpClientOptions().setConnectTimeout(connectTimeoutMillis)
                .setProxyOptions(proxyOnRequest ? null : proxy);
        if (nonProxyHost != null) {
            options.setNonProxyHosts(List.of(nonProxyHost));
        }
        Vertx vertx = Vertx.vertx();
        HttpClientAgent client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(maxPoolSize));
        boolean failed = false;
        try {
            for (String url : urls) {
                for (int i = 0; i < requests; i++) {
                    try {
                        System.out.println(get(client, url, requestProxy));
                    } catch (ExecutionException e) {
                        System.err.println("error: " + e.getCause().getClass().getSimpleName() + ": "
                                + e.getCause().getMessage());
                        failed = true;
                    }
                }
            }
        } finally {
            vertx.close();
        }
        System.exit(failed ? 1 : 0);
    }

    private static String get(HttpClientAgent client, String url, ProxyOptions proxy) throws Exception {
        return client.request(new RequestOptions().setAbsoluteURI(url).setProxyOptions(proxy))
                .compose(request -> request.send())
                .compose(response -> response.body().map(body ->
                        response.statusCode() + " " + response.statusMessage() + ", " + body.length() + " bytes"))
                .toCompletionStage().toCompletableFuture().get(RESPONSE_WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
