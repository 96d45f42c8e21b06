package org.tlsorigination.testapps.ahc;

import static org.asynchttpclient.Dsl.asyncHttpClient;
import static org.asynchttpclient.Dsl.config;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.Response;

/**
 * A legacy client on AsyncHttpClient with its default connection pool: GET requests one after another, one line
 * printed per response.
 * Usage: {@code AhcGet [--requests N] [--connect-timeout MILLIS] URL}
 */
public final class AhcGet {
    private static final int RESPONSE_WAIT_SECONDS = 30;

    private AhcGet() {
    }

    public static void main(String[] args) throws Exception {
        int requests = 1;
        int connectTimeoutMillis = 5_000;
        String url = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--requests")) {
                requests = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--connect-timeout")) {
                connectTimeoutMillis = Integer.parseInt(args[++i]);
            } else {
                url = args[i];
            }
        }
        try (AsyncHttpClient client = asyncHttpClient(config().setConnectTimeout(Duration.ofMillis(connectTimeoutMillis)))) {
            for (int i = 0; i < requests; i++) {
                Response response = client.prepareGet(url).execute().get(RESPONSE_WAIT_SECONDS, TimeUnit.SECONDS);
                System.out.println(response.getStatusCode() + " " + response.getStatusText() + ", "
                        + response.getResponseBodyAsBytes().length + " bytes");
            }
        } catch (ExecutionException e) {
            System.err.println("error: " + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
            for (Throwable cause = e.getCause().getCause(); cause != null; cause = cause.getCause()) {
                System.err.println("  caused by: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
            System.exit(1);
        }
    }
}
