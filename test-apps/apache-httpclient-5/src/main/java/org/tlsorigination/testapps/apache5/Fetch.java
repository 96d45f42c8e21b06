package org.tlsorigination.testapps.apache5;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequests;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.util.Timeout;

/**
 * A legacy fetcher on Apache HttpClient 5, written against 5.0:
 * {@code Fetch classic-default|classic-pooled|async-default|async-custom [--concurrency K]
 * [--connect-timeout SECONDS] [--response-timeout SECONDS] [--proxy HOST:PORT] [--proxy-user USER:PASSWORD] URL...}. It sends one GET per URL
 * through one client, K at a time (default 1: one after another), and prints {@code <status> <reason> <n> bytes
 * <url>} for each. On a failure it prints {@code error: <exception class>: <message>}, goes on, and exits with 1.
 */
public final class Fetch {
    private static final long POOL_RETURN_MILLIS = 200;

    private final List<String> urls = new ArrayList<>();
    private String shape;
    private int concurrency = 1;
    private Timeout connectTimeout;
    private Timeout responseTimeout;
    private HttpHost proxy;
    private BasicCredentialsProvider proxyLogin;
    private boolean anyFailed;

    private Fetch() {
    }

    public static void main(String[] args) throws Exception {
        Fetch fetch = new Fetch();
        try {
            fetch.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("usage: " + e.getMessage());
            System.exit(2);
        }
        try {
            if (fetch.shape.startsWith("classic-")) {
                fetch.runClassic();
            } else {
                fetch.runAsync();
            }
        } catch (IOException e) {
            fetch.failed(e);
        }
        // Only a failure exits: the relocated test runs several apps in one JVM, one after another.
        if (fetch.anyFailed) {
            System.exit(1);
        }
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--concurrency")) {
                concurrency = Integer.parseInt(valueAfter(args, ++i, arg));
            } else if (arg.equals("--connect-timeout")) {
                connectTimeout = timeout(valueAfter(args, ++i, arg));
            } else if (arg.equals("--proxy")) {
                String[] hostAndPort = valueAfter(args, ++i, arg).split(":");
                proxy = new HttpHost(hostAndPort[0], Integer.parseInt(hostAndPort[1]));
            } else if (arg.equals("--proxy-user")) {
                String[] login = valueAfter(args, ++i, arg).split(":", 2);
                proxyLogin = new BasicCredentialsProvider();
                proxyLogin.setCredentials(new AuthScope(null, -1),
                        new UsernamePasswordCredentials(login[0], login[1].toCharArray()));
            } else if (arg.equals("--response-timeout")) {
                responseTimeout = timeout(valueAfter(args, ++i, arg));
            } else if (arg.startsWith("-")) {
                throw new IllegalArgumentException("unknown option " + arg);
            } else if (shape == null) {
                shape = arg;
            } else {
                urls.add(arg);
            }
        }
        if (shape == null || !List.of("classic-default", "classic-pooled", "async-default", "async-custom")
                .contains(shape) || urls.isEmpty()) {
            throw new IllegalArgumentException("Fetch classic-default|classic-pooled|async-default|async-custom "
                    + "[--concurrency K] [--connect-timeout SECONDS] [--response-timeout SECONDS] [--proxy HOST:PORT] "
                    + "URL...");
        }
    }

    private void runClassic() throws IOException, InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        try (CloseableHttpClient client = classicClient()) {
            List<Future<String>> fetches = new ArrayList<>();
            for (String url : urls) {
                fetches.add(threads.submit(() -> fetchClassic(client, url)));
            }
            for (Future<String> fetch : fetches) {
                try {
                    System.out.println(fetch.get());
                } catch (ExecutionException e) {
                    failed(e.getCause());
                }
            }
        } finally {
            threads.shutdown();
        }
    }

    private CloseableHttpClient classicClient() {
        if (shape.equals("classic-default")) {
            return HttpClients.createDefault();
        }
        SocketConfig.Builder socket = SocketConfig.custom();
        if (responseTimeout != null) {
            socket.setSoTimeout(responseTimeout);
        }
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultSocketConfig(socket.build())
                        .build())
                .build();
    }

    private String fetchClassic(CloseableHttpClient client, String url) throws IOException {
        HttpGet get = new HttpGet(url);
        get.setConfig(requestConfig());
        HttpClientContext context = HttpClientContext.create();
        if (proxyLogin != null) {
            context.setCredentialsProvider(proxyLogin);
        }
        return client.execute(get, context, response -> response.getCode() + " " + response.getReasonPhrase() + " "
                + EntityUtils.toByteArray(response.getEntity()).length + " bytes " + url);
    }

    /**
     * K requests in flight at once, then the next K after a pause: HttpAsyncClient completes a response's future just
     * before it puts the connection back in its pool, and the next request should find it there.
     */
    private void runAsync() throws IOException, InterruptedException {
        try (CloseableHttpAsyncClient client = asyncClient()) {
            client.start();
            for (int first = 0; first < urls.size(); first += concurrency) {
                List<String> batch = urls.subList(first, Math.min(first + concurrency, urls.size()));
                List<Future<SimpleHttpResponse>> responses = new ArrayList<>();
                for (String url : batch) {
                    SimpleHttpRequest request = SimpleHttpRequests.get(url);
                    request.setConfig(requestConfig());
                    HttpClientContext context = HttpClientContext.create();
                    if (proxyLogin != null) {
                        context.setCredentialsProvider(proxyLogin);
                    }
                    responses.add(client.execute(request, context, null));
                }
                for (int i = 0; i < batch.size(); i++) {
                    try {
                        SimpleHttpResponse response = responses.get(i).get();
                        System.out.println(response.getCode() + " " + response.getReasonPhrase() + " "
                                + response.getBodyBytes().length + " bytes " + batch.get(i));
                    } catch (ExecutionException e) {
                        failed(e.getCause());
                    }
                }
                Thread.sleep(POOL_RETURN_MILLIS);
            }
        }
    }

    private CloseableHttpAsyncClient asyncClient() {
        if (shape.equals("async-default")) {
            return HttpAsyncClients.createDefault();
        }
        return HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create().build())
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .build();
    }

    private RequestConfig requestConfig() {
        RequestConfig.Builder config = RequestConfig.custom();
        if (connectTimeout != null) {
            config.setConnectTimeout(connectTimeout);
        }
        if (responseTimeout != null) {
            config.setResponseTimeout(responseTimeout);
        }
        if (proxy != null) {
            config.setProxy(proxy);
        }
        return config.build();
    }

    private static String valueAfter(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args[i];
    }

    private static Timeout timeout(String seconds) {
        return Timeout.ofMilliseconds(Math.round(Double.parseDouble(seconds) * 1000));
    }

    /** Prints a failed request's error line; the other URLs are still fetched, and the app exits with 1 in the end. */
    private void failed(Throwable failure) {
        System.err.println("error: " + failure.getClass().getName() + ": " + failure.getMessage());
        anyFailed = true;
    }
}
