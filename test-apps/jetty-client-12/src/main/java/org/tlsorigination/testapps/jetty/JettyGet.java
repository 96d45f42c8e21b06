package org.tlsorigination.testapps.jetty;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;

/**
 * A legacy client on Jetty's {@code HttpClient} 12 with its default transport and connection pool: GET requests one
 * after another, N to each URL in turn, one line printed per response or failure; it exits with 1 if any failed.
 * Usage: {@code JettyGet [--requests N] [--connect-timeout MILLIS] [--proxy HOST:PORT] URL...}
 */
public final class JettyGet {

    private JettyGet() {
    }

    public static void main(String[] args) throws Exception {
        int requests = 1;
        long connectTimeoutMillis = -1;
        String proxy = null;
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--requests")) {
                requests = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--proxy")) {
                proxy = args[++i];
            } else if (args[i].equals("--connect-timeout")) {
                connectTimeoutMillis = Long.parseLong(args[++i]);
            } else {
                urls.add(args[i]);
            }
        }
        HttpClient client = new HttpClient();
        if (connectTimeoutMillis >= 0) {
            client.setConnectTimeout(connectTimeoutMillis);
        }
        if (proxy != null) {
            String[] hostAndPort = proxy.split(":");
            client.getProxyConfiguration().addProxy(new HttpProxy(hostAndPort[0], Integer.parseInt(hostAndPort[1])));
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
}
