package org.tlsorigination.benchmark;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** One HTTP client as an unchanged app uses it: a blocking GET that reads the whole body. */
public interface LoadClient extends AutoCloseable {

    /** One request; {@code close} asks the server to close the connection after it, so the next one opens anew. */
    void get(String path, boolean close) throws Exception;

    @Override
    void close() throws Exception;

    static LoadClient named(String name, String baseUrl, int threads) throws Exception {
        switch (name) {
            case "HttpURLConnection": return new UrlConnection(baseUrl);
            case "Apache HttpClient 5": return new Apache5(baseUrl, threads);
            case "Netty": return new NettyLoadClient(baseUrl);
            default: throw new IllegalArgumentException("no client called " + name);
        }
    }

    /** Keeps a connection per thread alive by itself, as the JDK does with {@code http.maxConnections} set. */
    final class UrlConnection implements LoadClient {
        private final String baseUrl;

        UrlConnection(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        @Override
        public void get(String path, boolean close) throws Exception {
            HttpURLConnection connection = (HttpURLConnection) new URL(baseUrl + path).openConnection();
            if (close) {
                connection.setRequestProperty("Connection", "close");
            }
            try (InputStream body = connection.getInputStream()) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            if (connection.getResponseCode() != 200) {
                throw new IllegalStateException("HTTP " + connection.getResponseCode());
            }
        }

        @Override
        public void close() {
        }
    }

    final class Apache5 implements LoadClient {
        private final String baseUrl;
        private final CloseableHttpClient client;

        Apache5(String baseUrl, int threads) {
            this.baseUrl = baseUrl;
            // Without it a connection whose TLS presented a client certificate is pooled for that principal only,
            // and every request opens a new one: an app using mutual TLS turns the connection state off likewise.
            this.client = HttpClients.custom()
                    .disableConnectionState()
                    .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setMaxConnTotal(threads).setMaxConnPerRoute(threads).build())
                    .build();
        }

        @Override
        public void get(String path, boolean close) throws Exception {
            HttpGet get = new HttpGet(baseUrl + path);
            if (close) {
                get.setHeader("Connection", "close");
            }
            int status = client.execute(get, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
            if (status != 200) {
                throw new IllegalStateException("HTTP " + status);
            }
        }

        @Override
        public void close() throws Exception {
            client.close();
        }
    }
}
