package org.tlsorigination.testapps.apache4;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.config.SocketConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.util.EntityUtils;

/**
 * {@code HttpClients.custom()} with a pool of {@code --concurrency} connections and as many threads; the socket
 * timeout is the pool's SocketConfig, so it is on the socket before it connects.
 */
final class PooledClientFetch implements Fetch.Shape {

    @Override
    public void fetch(FetchOptions options) throws Exception {
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        pool.setMaxTotal(options.concurrency());
        pool.setDefaultMaxPerRoute(options.concurrency());
        if (options.socketTimeoutMillis() >= 0) {
            pool.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(options.socketTimeoutMillis()).build());
        }
        ExecutorService threads = Executors.newFixedThreadPool(options.concurrency());
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(options.connectTimeoutMillis()).build())
                .build()) {
            List<Future<?>> requests = new ArrayList<>();
            for (String url : options.urls()) {
                requests.add(threads.submit(() -> {
                    try (CloseableHttpResponse response = client.execute(new HttpGet(url))) {
                        Fetch.print(response.getStatusLine(), EntityUtils.toByteArray(response.getEntity()));
                    }
                    return null;
                }));
            }
            for (Future<?> request : requests) {
                request.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
