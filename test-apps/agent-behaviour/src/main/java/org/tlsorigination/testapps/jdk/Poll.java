package org.tlsorigination.testapps.jdk;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * A legacy poller: fetches a URL every {@code intervalMillis}, printing one line per attempt, until a stop file
 * appears or {@code maxAttempts} is reached. Failures are printed and polling goes on, as such loops do.
 */
public final class Poll {

    private Poll() {
    }

    public static void main(String[] args) throws InterruptedException {
        URL url = toUrl(args[0]);
        long intervalMillis = Long.parseLong(args[1]);
        int maxAttempts = Integer.parseInt(args[2]);
        String stopFile = args[3];
        for (int attempt = 1; attempt <= maxAttempts && !Files.exists(Paths.get(stopFile)); attempt++) {
            System.out.println(attempt + " " + fetch(url));
            Thread.sleep(intervalMillis);
        }
    }

    private static String fetch(URL url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(5_000);
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return String.valueOf(status);
        } catch (IOException e) {
            return "error " + e;
        }
    }

    private static URL toUrl(String spec) {
        try {
            return new URL(spec);
        } catch (IOException e) {
            throw new IllegalArgumentException(spec, e);
        }
    }
}
