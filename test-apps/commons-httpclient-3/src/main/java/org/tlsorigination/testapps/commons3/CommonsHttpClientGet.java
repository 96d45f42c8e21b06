package org.tlsorigination.testapps.commons3;

import java.io.IOException;
import org.apache.commons.httpclient.HttpClient;
import org.apache.commons.httpclient.MultiThreadedHttpConnectionManager;
import org.apache.commons.httpclient.methods.GetMethod;

/**
 * A legacy fetcher on Jakarta Commons HttpClient 3.1, as apps of its time wrote it: one {@code HttpClient} over a
 * {@code MultiThreadedHttpConnectionManager}, every request's connection released to the pool for the next.
 *
 * <pre>
 * CommonsHttpClientGet [--connect-timeout MILLIS] [--proxy HOST:PORT] URL...
 * </pre>
 *
 * Prints {@code <status> <reason>, <n> bytes} for each response; for each failure {@code error: <Exception>:
 * <message>}, then {@code   caused by: <Exception>: <message>} for each cause (the library wraps a connect timeout in
 * a message of its own); goes on with the next URL, and exits with 1 if any failed.
 */
public final class CommonsHttpClientGet {

    private CommonsHttpClientGet() {
    }

    public static void main(String[] args) {
        MultiThreadedHttpConnectionManager pool = new MultiThreadedHttpConnectionManager();
        HttpClient client = new HttpClient(pool);
        boolean failed = false;
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--connect-timeout")) {
                    pool.getParams().setConnectionTimeout(Integer.parseInt(args[++i]));
                } else if (args[i].equals("--proxy")) {
                    String[] proxy = args[++i].split(":");
                    client.getHostConfiguration().setProxy(proxy[0], Integer.parseInt(proxy[1]));
                } else {
                    failed |= !fetch(client, args[i]);
                }
            }
        } finally {
            pool.shutdown();
        }
        System.exit(failed ? 1 : 0);
    }

    /** Fetches one URL and prints its outcome; false if it failed. */
    private static boolean fetch(HttpClient client, String url) {
        GetMethod get = new GetMethod(url);
        try {
            client.executeMethod(get);
            byte[] body = get.getResponseBody();
            System.out.println(get.getStatusCode() + " " + get.getStatusText() + ", " + body.length + " bytes");
            return true;
        } catch (IOException e) {
            System.err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                System.err.println("  caused by: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
            return false;
        } finally {
            get.releaseConnection();
        }
    }
}
