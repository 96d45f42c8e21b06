package org.tlsorigination.testapps.apache4;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.protocol.HttpContext;
import org.apache.http.util.EntityUtils;

/**
 * {@code HttpClients.createDefault()}, with the timeouts and the proxy, if any, on each request, and the proxy's
 * credentials in the requests' context; with a SOCKS proxy, the client Apache's SOCKS example builds instead: a pool
 * whose plain sockets are SOCKS sockets.
 */
final class DefaultClientFetch implements Fetch.Shape {

    @Override
    public void fetch(FetchOptions options) throws IOException {
        RequestConfig config = RequestConfig.custom()
                .setConnectTimeout(options.connectTimeoutMillis())
                .setSocketTimeout(options.socketTimeoutMillis())
                .setProxy(options.proxyHost())
                .build();
        HttpClientContext context = HttpClientContext.create();
        if (options.proxyUser() != null) {
            String[] login = options.proxyUser().split(":", 2);
            HttpHost proxy = options.proxyHost();
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(new AuthScope(proxy.getHostName(), proxy.getPort()),
                    new UsernamePasswordCredentials(login[0], login[1]));
            context.setCredentialsProvider(credentials);
        }
        try (CloseableHttpClient client = options.socksProxy() == null ? HttpClients.createDefault()
                : HttpClients.custom().setConnectionManager(throughSocks(options.socksProxy())).build()) {
            for (String url : options.urls()) {
                HttpGet get = new HttpGet(url);
                get.setConfig(config);
                try (CloseableHttpResponse response = client.execute(get, context)) {
                    Fetch.print(response.getStatusLine(), EntityUtils.toByteArray(response.getEntity()));
                } catch (IOException e) {
                    Fetch.failed(e);
                }
            }
        }
    }

    private static PoolingHttpClientConnectionManager throughSocks(String proxy) {
        String[] address = proxy.split(":");
        Proxy socks = new Proxy(Proxy.Type.SOCKS, new InetSocketAddress(address[0], Integer.parseInt(address[1])));
        return new PoolingHttpClientConnectionManager(RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", new PlainConnectionSocketFactory() {
                    @Override
                    public Socket createSocket(HttpContext context) {
                        return new Socket(socks);
                    }
                }).build());
    }
}
