package org.tlsorigination.testapps.apache4;

import java.io.IOException;
import org.apache.http.HttpResponse;
import org.apache.http.client.fluent.Request;
import org.apache.http.util.EntityUtils;

/** fluent-hc's {@code Request.Get(url).execute()}, on its shared pooled client. */
final class FluentFetch implements Fetch.Shape {

    @Override
    public void fetch(FetchOptions options) throws IOException {
        for (String url : options.urls()) {
            Request request = Request.Get(url);
            if (options.connectTimeoutMillis() >= 0) {
                request.connectTimeout(options.connectTimeoutMillis());
            }
            if (options.socketTimeoutMillis() >= 0) {
                request.socketTimeout(options.socketTimeoutMillis());
            }
            HttpResponse response = request.execute().returnResponse();
            Fetch.print(response.getStatusLine(), EntityUtils.toByteArray(response.getEntity()));
        }
    }
}
