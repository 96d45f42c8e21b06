package org.tlsorigination.testapps.jdkhttpclient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLParameters;

/**
 * A legacy client on the JDK's {@link HttpClient}: one client, GET requests one after another (each URL in turn,
 * {@code --requests} times), one line printed per response or failure; it exits with 1 if any failed.
 * Usage: {@code HttpClientGet [--requests N] [--connect-timeout MILLIS] [--version HTTP_1_1|HTTP_2] [--async]
 * [--proxy HOST:PORT | --default-proxy] [--proxy-user USER:PASSWORD] [--ssl-parameters-without-host-check] URL...};
 * {@code --default-proxy} takes the JVM's proxy settings ({@code http.proxyHost}, {@code http.nonProxyHosts}), and
 * {@code --ssl-parameters-without-host-check} gives the client SSLParameters of its own with no host name check.
 */
public final class HttpClientGet {

    private HttpClientGet() {
    }

    public static void main(String[] args) throws InterruptedException {
        int requests = 1;
        boolean async = false;
        HttpClient.Builder builder = HttpClient.newBuilder();
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--requests")) {
                requests = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--connect-timeout")) {
                builder.connectTimeout(Duration.ofMillis(Long.parseLong(args[++i])));
            } else if (args[i].equals("--version")) {
                builder.version(HttpClient.Version.valueOf(args[++i]));
            } else if (args[i].equals("--proxy")) {
                String[] proxy = args[++i].split(":");
                builder.proxy(ProxySelector.of(new InetSocketAddress(proxy[0], Integer.parseInt(proxy[1]))));
            } else if (args[i].equals("--default-proxy")) {
                builder.proxy(ProxySelector.getDefault());
            } else if (args[i].equals("--proxy-user")) {
                builder.authenticator(ProxyLogin.of(args[++i]));
            } else if (args[i].equals("--ssl-parameters-without-host-check")) {
                SSLParameters parameters = new SSLParameters(new String[] {"TLS_AES_128_GCM_SHA256",
                        "TLS_AES_256_GCM_SHA384"}, new String[] {"TLSv1.3"});
                parameters.setEndpointIdentificationAlgorithm(null);
                builder.sslParameters(parameters);
            } else if (args[i].equals("--async")) {
                async = true;
            } else {
                uris.add(URI.create(args[i]));
            }
        }
        HttpClient client = builder.build();
        boolean failed = false;
        for (int i = 0; i < requests; i++) {
            for (URI uri : uris) {
                try {
                    HttpRequest request = HttpRequest.newBuilder(uri).build();
                    HttpResponse<byte[]> response = async
                            ? client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).get()
                            : client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    System.out.println(response.statusCode() + " " + response.version() + ", "
                            + response.body().length + " bytes");
                } catch (IOException | ExecutionException e) {
                    Throwable failure = e instanceof ExecutionException ? e.getCause() : e;
                    System.err.println("error: " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
                    failed = true;
                }
            }
        }
        System.exit(failed ? 1 : 0);
    }
}
