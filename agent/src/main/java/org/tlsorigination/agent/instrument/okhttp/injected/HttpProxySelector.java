package org.tlsorigination.agent.instrument.okhttp.injected;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * The app's proxy selector, asked about an originated Address's http URL: OkHttp asks about the Address's URL, which
 * is https for an originated one, and the JVM's selector answers that from {@code https.proxyHost}, not from the
 * {@code http.proxyHost} the app's http request goes by. Equal for equal selectors, so Addresses stay equal.
 */
public final class HttpProxySelector extends ProxySelector {
    private final ProxySelector app;

    public HttpProxySelector(ProxySelector app) {
        this.app = app;
    }

    @Override
    public List<Proxy> select(URI uri) {
        return app.select(asHttp(uri));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        app.connectFailed(asHttp(uri), address, failure);
    }

    private static URI asHttp(URI uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return uri;
        }
        try {
            return new URI("http", uri.getRawUserInfo(), uri.getHost(), uri.getPort(), uri.getRawPath(),
                    uri.getRawQuery(), uri.getRawFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(uri.toString(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpProxySelector && ((HttpProxySelector) other).app.equals(app);
    }

    @Override
    public int hashCode() {
        return app.hashCode();
    }
}
