package org.tlsorigination.testapps.okhttp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A legacy client on one {@code OkHttpClient} with its default connection pool: GET requests one after another,
 * one line printed per response.
 * Usage: {@code OkHttpGet [--requests N] [--connect-timeout MILLIS] [--read-timeout MILLIS] [--proxy HOST:PORT] URL}
 */
public final class OkHttpGet {

    private OkHttpGet() {
    }

    public static void main(String[] args) {
        int requests = 1;
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        String url = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--requests")) {
                requests = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--connect-timeout")) {
                builder.connectTimeout(Long.parseLong(args[++i]), TimeUnit.MILLISECONDS);
            } else if (args[i].equals("--proxy")) {
                String[] hostAndPort = args[++i].split(":");
                builder.proxy(new Proxy(Proxy.Type.HTTP,
                        new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1]))));
            } else if (args[i].equals("--read-timeout")) {
                builder.readTimeout(Long.parseLong(args[++i]), TimeUnit.MILLISECONDS);
            } else {
                url = args[i];
            }
        }
        OkHttpClient client = builder.build();
        try {
            for (int i = 0; i < requests; i++) {
                try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
                    System.out.println(response.code() + " " + response.message() + ", "
                            + response.body().bytes().length + " bytes");
                }
            }
        } catch (IOException e) {
            System.err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
