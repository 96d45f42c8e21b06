package org.tlsorigination.testapps.reactor;

import io.netty.channel.ChannelOption;
import io.netty.resolver.DefaultAddressResolverGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.Exceptions;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.transport.ProxyProvider;

/**
 * A legacy client on the Reactor Netty {@link HttpClient} with its default connection pool: GET requests one after
 * another, N to each URL in turn, one line printed per response or failure; it exits with 1 if any failed.
 * Usage: {@code ReactorGet [--requests N] [--connect-timeout MILLIS] [--max-connections N] [--proxy HOST:PORT] URL...}
 */
public final class ReactorGet {
    private static final Duration RESPONSE_WAIT = Duration.ofSeconds(30);

    private ReactorGet() {
    }

    public static void main(String[] args) {
        int requests = 1;
        int connectTimeoutMillis = 30_000;
        int maxConnections = ConnectionProvider.DEFAULT_POOL_MAX_CONNECTIONS;
        String proxy = null;
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--requests")) {
                requests = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--connect-timeout")) {
                connectTimeoutMillis = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--proxy")) {
                proxy = args[++i];
            } else if (args[i].equals("--max-connections")) {
                maxConnections = Integer.parseInt(args[++i]);
            } else {
                urls.add(args[i]);
            }
        }
        // The JVM's resolver rather than Netty's DNS client, as many apps choose, so the JVM's hosts file applies.
        HttpClient client = HttpClient.create(ConnectionProvider.create("legacy-app", maxConnections))
                .resolver(DefaultAddressResolverGroup.INSTANCE)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis);
        if (proxy != null) {
            String[] hostAndPort = proxy.split(":");
            client = client.proxy(spec -> spec.type(ProxyProvider.Proxy.HTTP).host(hostAndPort[0])
                    .port(Integer.parseInt(hostAndPort[1])));
        }
        boolean failed = false;
        for (String url : urls) {
            for (int i = 0; i < requests; i++) {
                try {
                    System.out.println(client.get().uri(url)
                            .responseSingle((response, body) -> body.asByteArray().defaultIfEmpty(new byte[0])
                                    .map(bytes -> response.version() + " " + response.status() + ", " + bytes.length
                                            + " bytes"))
                            .block(RESPONSE_WAIT));
                } catch (RuntimeException e) {
                    Throwable failure = Exceptions.unwrap(e);
                    System.err.println("error: " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
                    failed = true;
                }
            }
        }
        System.exit(failed ? 1 : 0);
    }
}
