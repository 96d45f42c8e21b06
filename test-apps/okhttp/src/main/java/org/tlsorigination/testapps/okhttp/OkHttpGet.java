package org.tlsorigination.testapps.okhttp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A legacy client on one {@code OkHttpClient} with its default connection pool: GET requests one after another,
 * N to each URL in turn, one line printed per response or failure; it exits with 1 if any failed.
 * Usage: {@code OkHttpGet [--requests N] [--connect-timeout MILLIS] [--read-timeout MILLIS] [--proxy HOST:PORT]
 * [--proxy-user USER:PASSWORD] URL...}; without {@code --proxy}, OkHttp takes the JVM's proxy settings.
 */
public final class OkHttpGet {

    private OkHttpGet() {
    }

    public static void main(String[] args) {
        int requests = 1;
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--requests")) {
                requests = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--connect-timeout")) {
                builder.connectTimeout(Long.parseLong(args[++i]), TimeUnit.MILLISECONDS);
            } else if (args[i].equals("--proxy")) {
                String[] hostAndPort = args[++i].split(":");
                builder.proxy(new Proxy(Proxy.Type.HTTP,
                        new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1]))));
            } else if (args[i].equals("--proxy-user")) {
                String[] login = args[++i].split(":", 2);
                builder.proxyAuthenticator((route, response) -> response.request().header("Proxy-Authorization") != null
                        ? null : response.request().newBuilder()
                                .header("Proxy-Authorization", Credentials.basic(login[0], login[1])).build());
            } else if (args[i].equals("--read-timeout")) {
                builder.readTimeout(Long.parseLong(args[++i]), TimeUnit.MILLISECONDS);
            } else {
                urls.add(args[i]);
            }
        }
        OkHttpClient client = builder.build();
        boolean failed = false;
        for (String url : urls) {
            for (int i = 0; i < requests; i++) {
                try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
                    System.out.println(response.code() + " " + response.message() + ", "
                            + response.body().bytes().length + " bytes");
                } catch (IOException e) {
                    System.err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    failed = true;
                }
            }
        }
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        // Only a failure exits: the relocated test runs several apps in one JVM, one after another.
        if (failed) {
            System.exit(1);
        }
    }
}
