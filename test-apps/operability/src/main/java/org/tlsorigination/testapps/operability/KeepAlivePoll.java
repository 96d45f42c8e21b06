package org.tlsorigination.testapps.operability;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * A legacy poller that keeps its connection: it fetches a URL every {@code intervalMillis} through
 * HttpURLConnection's keep-alive pool, printing one line per attempt, until a stop file appears. Once a close file
 * appears, its next request asks the server to close the connection, so the one after opens a new one.
 */
public final class KeepAlivePoll {

    private KeepAlivePoll() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        URL url = new URL(args[0]);
        long intervalMillis = Long.parseLong(args[1]);
        String stopFile = args[2];
        String closeFile = args[3];
        boolean closeAsked = false;
        for (int attempt = 1; !Files.exists(Paths.get(stopFile)); attempt++) {
            boolean close = !closeAsked && Files.exists(Paths.get(closeFile));
            closeAsked |= close;
            System.out.println(attempt + " " + fetch(url, close));
            Thread.sleep(intervalMillis);
        }
    }

    private static String fetch(URL url, boolean close) {
        try {
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(5_000);
            if (close) {
                connection.setRequestProperty("Connection", "close");
            }
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
}
