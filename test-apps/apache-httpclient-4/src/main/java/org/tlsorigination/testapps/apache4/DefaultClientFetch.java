package org.tlsorigination.testapps.apache4;

import java.io.IOException;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/** {@code HttpClients.createDefault()}, with the timeouts and the proxy, if any, on each request, and the proxy's
 * credentials in the requests' context. */
final class DefaultClientFetch implements Fetch.Shape {

    @Override
    public void fetch(FetchOptions options) throws IOException {
        RequestConfig config = RequestConfig.custom()
                .setConnectTimeout(options.connectTimeoutMillis())
                .setSocketTimeout(options.socketTimeoutMillis())
                .setProxy(options.proxy() == null ? null : HttpHost.create(options.proxy()))
                .build();
        HttpClientContext context = HttpClientContext.create();
        if (options.proxyUser() != null) {
            String[] login = options.proxyUser().split(":", 2);
            HttpHost proxy = HttpHost.create(options.proxy());
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(new AuthScope(proxy.getHostName(), proxy.getPort()),
                    new UsernamePasswordCredentials(login[0], login[1]));
            context.setCredentialsProvider(credentials);
        }
        try (CloseableHttpClient client = HttpClients.createDefault()) {
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
}
