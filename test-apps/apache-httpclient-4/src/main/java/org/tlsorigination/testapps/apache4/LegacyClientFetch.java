package org.tlsorigination.testapps.apache4;

import java.io.IOException;
import org.apache.http.HttpHost;
import org.apache.http.HttpResponse;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.conn.params.ConnRoutePNames;
import org.apache.http.impl.client.DefaultHttpClient;
import org.apache.http.params.HttpConnectionParams;
import org.apache.http.params.HttpParams;
import org.apache.http.util.EntityUtils;

/**
 * The deprecated {@code DefaultHttpClient} with HttpParams timeouts and proxy, as code written for 4.0 does it: with the
 * client's credentials provider, as 4.0 has them, so it runs on every 4.x.
 */
final class LegacyClientFetch implements Fetch.Shape {

    @Override
    @SuppressWarnings("deprecation")
    public void fetch(FetchOptions options) throws IOException {
        DefaultHttpClient client = new DefaultHttpClient();
        HttpParams params = client.getParams();
        if (options.connectTimeoutMillis() >= 0) {
            HttpConnectionParams.setConnectionTimeout(params, options.connectTimeoutMillis());
        }
        if (options.socketTimeoutMillis() >= 0) {
            HttpConnectionParams.setSoTimeout(params, options.socketTimeoutMillis());
        }
        HttpHost proxy = options.proxyHost();
        if (proxy != null) {
            params.setParameter(ConnRoutePNames.DEFAULT_PROXY, proxy);
            if (options.proxyUser() != null) {
                String[] login = options.proxyUser().split(":", 2);
                client.getCredentialsProvider().setCredentials(new AuthScope(proxy.getHostName(), proxy.getPort()),
                        new UsernamePasswordCredentials(login[0], login[1]));
            }
        }
        try {
            for (String url : options.urls()) {
                try {
                    HttpResponse response = client.execute(new HttpGet(url));
                    Fetch.print(response.getStatusLine(), EntityUtils.toByteArray(response.getEntity()));
                } catch (IOException e) {
                    Fetch.failed(e);
                }
            }
        } finally {
            client.getConnectionManager().shutdown();
        }
    }
}
