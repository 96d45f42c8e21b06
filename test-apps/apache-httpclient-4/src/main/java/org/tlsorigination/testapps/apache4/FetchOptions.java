package org.tlsorigination.testapps.apache4;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.http.HttpHost;

/** The command line of {@link Fetch}; a timeout of -1 means the app leaves it at the library's default. */
final class FetchOptions {
    private static final Set<String> SHAPES = Set.of("default", "pooled", "fluent", "legacy", "async");
    private static final Set<String> CONCURRENT_SHAPES = Set.of("pooled", "async");

    private final String shape;
    private int connectTimeoutMillis = -1;
    private int socketTimeoutMillis = -1;
    private int concurrency = 1;
    private String proxy;
    private String proxyUser;
    private String socksProxy;
    private final List<String> urls = new ArrayList<>();

    private FetchOptions(String shape) {
        this.shape = shape;
    }

    static FetchOptions parse(String[] args) {
        if (args.length == 0 || !SHAPES.contains(args[0])) {
            throw new IllegalArgumentException("the first argument must be one of " + SHAPES);
        }
        FetchOptions options = new FetchOptions(args[0]);
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--connect-timeout")) {
                options.connectTimeoutMillis = number(args, ++i, arg);
            } else if (arg.equals("--socket-timeout")) {
                options.socketTimeoutMillis = number(args, ++i, arg);
            } else if (arg.equals("--proxy")) {
                options.proxy = valueAfter(args, ++i, arg);
            } else if (arg.equals("--socks-proxy")) {
                options.socksProxy = valueAfter(args, ++i, arg);
            } else if (arg.equals("--proxy-user")) {
                options.proxyUser = valueAfter(args, ++i, arg);
            } else if (arg.equals("--concurrency")) {
                options.concurrency = number(args, ++i, arg);
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + arg);
            } else {
                options.urls.add(arg);
            }
        }
        if (options.urls.isEmpty()) {
            throw new IllegalArgumentException("no URL given");
        }
        if (options.concurrency < 1 || options.concurrency > 1 && !CONCURRENT_SHAPES.contains(options.shape)) {
            throw new IllegalArgumentException("--concurrency takes a positive number, above 1 only for " + CONCURRENT_SHAPES);
        }
        return options;
    }

    private static int number(String[] args, int i, String option) {
        String value = valueAfter(args, i, option);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not " + value);
        }
    }

    private static String valueAfter(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    String shape() {
        return shape;
    }

    int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    int socketTimeoutMillis() {
        return socketTimeoutMillis;
    }

    /** The HTTP proxy as {@code host:port}, or null for none; the default, legacy and async shapes take one. */
    String proxy() {
        return proxy;
    }

    /** {@link #proxy()} as the library names it; HttpCore 4.3 has no {@code HttpHost.create}. */
    HttpHost proxyHost() {
        if (proxy == null) {
            return null;
        }
        int colon = proxy.lastIndexOf(':');
        return new HttpHost(proxy.substring(0, colon), Integer.parseInt(proxy.substring(colon + 1)));
    }

    /**
     * The proxy's credentials as {@code user:password}, or null for none; the default, legacy and async shapes take
     * them.
     */
    String proxyUser() {
        return proxyUser;
    }

    /** The SOCKS proxy as {@code host:port}, or null for none; the default shape takes one. */
    String socksProxy() {
        return socksProxy;
    }

    int concurrency() {
        return concurrency;
    }

    List<String> urls() {
        return urls;
    }
}
