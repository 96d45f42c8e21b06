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
 * Usage: {@code ReactorGet [--requests N] [--connect-timeout MILLIS] [--max-connections N] [--proxy HOST:PORT]
 * [--socks-proxy HOST:PORT] [--proxy-user USER:PASSWORD] [--non-proxy-hosts REGEX] URL...}
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
        ProxyProvider.Proxy proxyType = ProxyProvider.Proxy.HTTP;
        String[] login = null;
        String nonProxyHosts = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--requests")) {
                requests = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--connect-timeout")) {
                connectTimeoutMillis = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--proxy") || args[i].equals("--socks-proxy")) {
                proxyType = args[i].equals("--proxy") ? ProxyProvider.Proxy.HTTP : ProxyProvider.Proxy.SOCKS5;
                proxy = args[++i];
            } else if (args[i].equals("--proxy-user")) {
                login = args[++i].split(":", 2);
            } else if (args[i].equals("--non-proxy-hosts")) {
                nonProxyHosts = args[++i];
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
            ProxyProvider.Proxy type = proxyType;
            String[] credentials = login;
            String bypassed = nonProxyHosts;
            client = client.proxy(spec -> {
                ProxyProvider.Builder builder = spec.type(type).host(hostAndPort[0])
                        .port(Integer.parseInt(hostAndPort[1]));
                if (credentials != null) {
                    builder.username(credentials[0]).password(user -> credentials[1]);
                }
                if (bypassed != null) {
                    builder.nonProxyHosts(bypassed);
                }
            });
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
