package org.tlsorigination.testapps.apache4;

import java.util.concurrent.ExecutionException;

/**
 * A legacy command-line fetcher on Apache HttpClient 4, written in one of the shapes apps use it in:
 *
 * <pre>
 * Fetch SHAPE [--connect-timeout MILLIS] [--socket-timeout MILLIS] [--concurrency K] URL...
 * </pre>
 *
 * SHAPE is {@code default} ({@code HttpClients.createDefault()}), {@code pooled} ({@code HttpClients.custom()} with a
 * {@code PoolingHttpClientConnectionManager}, whose SocketConfig takes the socket timeout), {@code fluent} (fluent-hc's
 * {@code Request.Get}), {@code legacy} ({@code DefaultHttpClient}) or {@code async}
 * ({@code HttpAsyncClients.createDefault()}). With {@code --concurrency K} ({@code pooled} and {@code async} only) up to
 * K requests are in flight on a pool of K connections; otherwise they go one after the other on one client.
 * Prints the status line and body size of each response; on failure prints {@code error: <Exception>: <message>} and
 * in the end exits with 1.
 */
public final class Fetch {
    private static boolean anyFailed;

    private Fetch() {
    }

    public static void main(String[] args) {
        FetchOptions options;
        try {
            options = FetchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("usage: Fetch default|pooled|fluent|legacy|async [--connect-timeout MILLIS] "
                    + "[--socket-timeout MILLIS] [--concurrency K] URL...: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            shape(options.shape()).fetch(options);
        } catch (Exception e) {
            failed(e);
        }
        // Only a failure exits: the relocated test runs several apps in one JVM, one after another.
        if (anyFailed) {
            System.exit(1);
        }
    }

    /** Prints a failed request's error line; the default, legacy and async shapes go on with their next URL. */
    static void failed(Exception e) {
        Throwable failure = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        System.err.println("error: " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
        anyFailed = true;
    }

    /** Each shape is its own class, so running one never links another's API (the legacy one runs on 4.0 too). */
    private static Shape shape(String name) {
        switch (name) {
            case "default":
                return new DefaultClientFetch();
            case "pooled":
                return new PooledClientFetch();
            case "fluent":
                return new FluentFetch();
            case "legacy":
                return new LegacyClientFetch();
            default:
                return new AsyncClientFetch();
        }
    }

    static void print(Object statusLine, byte[] body) {
        System.out.println(statusLine + " " + body.length + " bytes");
    }

    /** One way of writing an app against the library. */
    interface Shape {
        void fetch(FetchOptions options) throws Exception;
    }
}
