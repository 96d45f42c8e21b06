package org.tlsorigination.testapps.jetty;

import java.lang.reflect.Constructor;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.ProxyConfiguration;
import org.eclipse.jetty.client.api.Authentication;
import org.eclipse.jetty.client.api.ContentResponse;
import org.eclipse.jetty.client.util.BasicAuthentication;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * jetty-client-12's {@code JettyGet} written against Jetty's {@code HttpClient} 10 and 11 (the same API, the jakarta
 * namespace aside), which links against 9.4's too, with its default transport and connection pool: GET requests one
 * after another, N to each URL in turn, one line printed per response or failure; it exits with 1 if any failed.
 * Usage: {@code JettyGet [--requests N] [--connect-timeout MILLIS] [--proxy HOST:PORT | --socks5 HOST:PORT]
 * [--proxy-user USER:PASSWORD] [--no-proxy HOST] [--plain-http-only] URL...}. Jetty 9.4 and 10.0.0 have no SOCKS5
 * proxy, so the app finds one by name, as an app built for several releases would. On 9.4, {@code --plain-http-only}
 * builds the client as an app that only speaks http writes it, with no TLS context factory.
 */
public final class JettyGet {
    private static final String SOCKS5_PROXY = "org.eclipse.jetty.client.Socks5Proxy";

    private JettyGet() {
    }

    public static void main(String[] args) throws Exception {
        int requests = 1;
        long connectTimeoutMillis = -1;
        String proxy = null;
        String socks = null;
        String proxyUser = null;
        String noProxy = null;
        boolean plainHttpOnly = false;
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--requests")) {
                requests = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--proxy")) {
                proxy = args[++i];
            } else if (args[i].equals("--socks5")) {
                socks = args[++i];
            } else if (args[i].equals("--proxy-user")) {
                proxyUser = args[++i];
            } else if (args[i].equals("--no-proxy")) {
                noProxy = args[++i];
            } else if (args[i].equals("--plain-http-only")) {
                plainHttpOnly = true;
            } else if (args[i].equals("--connect-timeout")) {
                connectTimeoutMillis = Long.parseLong(args[++i]);
            } else {
                urls.add(args[i]);
            }
        }
        HttpClient client = plainHttpOnly ? new HttpClient() : newHttpClient();
        if (connectTimeoutMillis >= 0) {
            client.setConnectTimeout(connectTimeoutMillis);
        }
        ProxyConfiguration.Proxy chosen = null;
        if (proxy != null) {
            String[] hostAndPort = proxy.split(":");
            chosen = new HttpProxy(hostAndPort[0], Integer.parseInt(hostAndPort[1]));
            if (proxyUser != null) {
                String[] login = proxyUser.split(":", 2);
                client.getAuthenticationStore().addAuthentication(new BasicAuthentication(
                        URI.create("http://" + proxy), Authentication.ANY_REALM, login[0], login[1]));
            }
        } else if (socks != null) {
            String[] hostAndPort = socks.split(":");
            chosen = (ProxyConfiguration.Proxy) Class.forName(SOCKS5_PROXY).getConstructor(String.class, int.class)
                    .newInstance(hostAndPort[0], Integer.parseInt(hostAndPort[1]));
        }
        if (chosen != null) {
            if (noProxy != null) {
                chosen.getExcludedAddresses().add(noProxy);
            }
            client.getProxyConfiguration().getProxies().add(chosen);
        }
        client.start();
        boolean failed = false;
        try {
            for (String url : urls) {
                for (int i = 0; i < requests; i++) {
                    try {
                        ContentResponse response = client.GET(url);
                        System.out.println(response.getStatus() + " " + response.getReason() + ", "
                                + response.getContent().length + " bytes");
                    } catch (ExecutionException e) {
                        System.err.println("error: " + e.getCause().getClass().getSimpleName() + ": "
                                + e.getCause().getMessage());
                        failed = true;
                    }
                }
            }
        } finally {
            client.stop();
        }
        System.exit(failed ? 1 : 0);
    }

    /**
     * Jetty 10's client makes its own TLS context factory; 9.4's has none unless handed one, through a constructor
     * that only 9.4 has. 9.4.0 has no client-side context factory yet, only the common one.
     */
    private static HttpClient newHttpClient() throws ReflectiveOperationException {
        Constructor<HttpClient> withTls;
        try {
            withTls = HttpClient.class.getConstructor(SslContextFactory.class);
        } catch (NoSuchMethodException jetty10) {
            return new HttpClient();
        }
        Class<?> tls;
        try {
            tls = Class.forName(SslContextFactory.class.getName() + "$Client");
        } catch (ClassNotFoundException jetty940) {
            tls = SslContextFactory.class;
        }
        return withTls.newInstance(tls.getConstructor().newInstance());
    }
}
