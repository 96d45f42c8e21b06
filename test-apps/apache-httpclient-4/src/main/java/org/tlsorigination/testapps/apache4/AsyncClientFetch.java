package org.tlsorigination.testapps.apache4;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.http.HttpResponse;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.impl.nio.client.CloseableHttpAsyncClient;
import org.apache.http.impl.nio.client.HttpAsyncClients;
import org.apache.http.util.EntityUtils;

/**
 * {@code HttpAsyncClients.createDefault()}, one request after the other; with {@code --concurrency K} a client
 * built with a pool of K connections and every request in flight at once. The proxy's credentials, if any, are in
 * each request's context.
 */
final class AsyncClientFetch implements Fetch.Shape {

    @Override
    public void fetch(FetchOptions options) throws Exception {
        RequestConfig config = RequestConfig.custom()
                .setConnectTimeout(options.connectTimeoutMillis())
                .setSocketTimeout(options.socketTimeoutMillis())
                .setProxy(options.proxyHost())
                .build();
        BasicCredentialsProvider credentials = null;
        if (options.proxyUser() != null) {
            String[] login = options.proxyUser().split(":", 2);
            credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(login[0], login[1]));
        }
        int concurrency = options.concurrency();
        try (CloseableHttpAsyncClient client = concurrency == 1 ? HttpAsyncClients.createDefault()
                : HttpAsyncClients.custom().setMaxConnPerRoute(concurrency).setMaxConnTotal(concurrency).build()) {
            client.start();
            List<Future<HttpResponse>> inFlight = new ArrayList<>();
            for (String url : options.urls()) {
                HttpGet get = new HttpGet(url);
                get.setConfig(config);
                // A context holds one exchange's state: requests in flight at once must not share one.
                HttpClientContext context = HttpClientContext.create();
                if (credentials != null) {
                    context.setCredentialsProvider(credentials);
                }
                inFlight.add(client.execute(get, context, null));
                if (concurrency == 1) {
                    printResponses(inFlight);
                }
            }
            printResponses(inFlight);
        }
    }

    private static void printResponses(List<Future<HttpResponse>> inFlight) throws Exception {
        for (Future<HttpResponse> request : inFlight) {
            try {
                HttpResponse response = request.get();
                Fetch.print(response.getStatusLine(), EntityUtils.toByteArray(response.getEntity()));
            } catch (ExecutionException e) {
                Fetch.failed(e);
            }
        }
        inFlight.clear();
    }
}
