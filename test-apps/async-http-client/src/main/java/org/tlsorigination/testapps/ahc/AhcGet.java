package org.tlsorigination.testapps.ahc;

import static org.asynchttpclient.Dsl.asyncHttpClient;
import static org.asynchttpclient.Dsl.basicAuthRealm;
import static org.asynchttpclient.Dsl.config;
import static org.asynchttpclient.Dsl.proxyServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.DefaultAsyncHttpClientConfig;
import org.asynchttpclient.Response;
import org.asynchttpclient.proxy.ProxyServer;
import org.asynchttpclient.proxy.ProxyType;

/**
 * A legacy client on AsyncHttpClient with its default connection pool: GET requests one after another, N to each
 * URL in turn, one line printed per response or failure (with its causes); it exits with 1 if any failed.
 * Usage: {@code AhcGet [--requests N] [--connect-timeout MILLIS] [--proxy HOST:PORT] [--socks-proxy HOST:PORT]
 * [--proxy-user USER:PASSWORD] [--non-proxy-hosts HOST] URL...}
 */
public final class AhcGet {
    private static final int RESPONSE_WAIT_SECONDS = 30;

    private AhcGet() {
    }

    public static void main(String[] args) throws Exception {
        int requests = 1;
        int connectTimeoutMillis = 5_000;
        String proxy = null;
        List<String> urls = new ArrayList<>();
        ProxyType proxyType = ProxyType.HTTP;
        String[] login = null;
        String nonProxyHost = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--requests")) {
                requests = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--proxy") || args[i].equals("--socks-proxy")) {
                proxyType = args[i].equals("--proxy") ? ProxyType.HTTP : ProxyType.SOCKS_V5;
                proxy = args[++i];
            } else if (args[i].equals("--proxy-user")) {
                login = args[++i].split(":", 2);
            } else if (args[i].equals("--non-proxy-hosts")) {
                nonProxyHost = args[++i];
            } else if (args[i].equals("--connect-timeout")) {
                connectTimeoutMillis = Integer.parseInt(args[++i]);
            } else {
                urls.add(args[i]);
            }
        }
        DefaultAsyncHttpClientConfig.Builder config = config()
                .setConnectTimeout(Duration.ofMillis(connectTimeoutMillis));
        if (proxy != null) {
            String[] hostAndPort = proxy.split(":");
            ProxyServer.Builder server = proxyServer(hostAndPort[0], Integer.parseInt(hostAndPort[1]))
                    .setProxyType(proxyType);
            if (login != null) {
                server.setRealm(basicAuthRealm(login[0], login[1]));
            }
            if (nonProxyHost != null) {
                server.setNonProxyHost(nonProxyHost);
            }
            config.setProxyServer(server);
        }
        boolean failed = false;
        try (AsyncHttpClient client = asyncHttpClient(config)) {
            for (String url : urls) {
                for (int i = 0; i < requests; i++) {
                    try {
                        Response response = client.prepareGet(url).execute()
                                .get(RESPONSE_WAIT_SECONDS, TimeUnit.SECONDS);
                        System.out.println(response.getStatusCode() + " " + response.getStatusText() + ", "
                                + response.getResponseBodyAsBytes().length + " bytes");
                    } catch (ExecutionException e) {
                        report(e.getCause());
                        failed = true;
                    }
                }
            }
        }
        System.exit(failed ? 1 : 0);
    }

    private static void report(Throwable failure) {
        System.err.println("error: " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            System.err.println("  caused by: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }
}
