package org.tlsorigination.testapps.jdk;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * A legacy command-line HTTP client on {@link HttpURLConnection}, with a few of curl's flags:
 * {@code -s}, {@code -L}, {@code -o FILE}, {@code -D FILE} ({@code -} is stdout),
 * {@code -w FORMAT} (after each URL; {@code %{http_code}}, {@code %{size_download}}, {@code %{proxy_used}} and
 * {@code \n}),
 * {@code --connect-timeout SECONDS}, {@code -m/--max-time SECONDS}, {@code -x/--proxy HOST:PORT},
 * {@code -U/--proxy-user USER:PASSWORD}, then one or more URLs.
 */
public final class Curl {

    private static final int MAX_REDIRECTS = 10;

    private boolean followRedirects;
    private String outputFile;
    private String headerFile;
    private String writeOut;
    private Proxy proxy;
    private int connectTimeoutMillis;
    private int maxTimeMillis;
    private final List<String> urls = new ArrayList<>();

    private Curl() {
    }

    public static void main(String[] args) {
        Curl curl = new Curl();
        try {
            curl.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("curl: " + e.getMessage());
            System.exit(2);
        }
        int exitCode;
        try {
            exitCode = curl.run();
        } catch (IOException e) {
            exitCode = failed(e);
        }
        System.exit(exitCode);
    }

    private static int failed(IOException e) {
        System.err.println("curl: (" + exitCode(e) + ") " + e.getClass().getSimpleName() + ": " + e.getMessage());
        return exitCode(e);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--connect-timeout")) {
                connectTimeoutMillis = millis(valueAfter(args, ++i, arg));
            } else if (arg.equals("--max-time")) {
                maxTimeMillis = millis(valueAfter(args, ++i, arg));
            } else if (arg.equals("--proxy")) {
                proxy = proxy(valueAfter(args, ++i, arg));
            } else if (arg.equals("--proxy-user")) {
                proxyUser(valueAfter(args, ++i, arg));
            } else if (arg.startsWith("-") && !arg.startsWith("--") && arg.length() > 1) {
                i = parseShortFlags(args, i);
            } else if (arg.startsWith("-")) {
                throw new IllegalArgumentException("option " + arg + ": is unknown");
            } else {
                urls.add(arg);
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no URL specified!");
        }
    }

    /** Parses a group like {@code -sLo FILE}; returns the index of the last argument consumed. */
    private int parseShortFlags(String[] args, int i) {
        String group = args[i];
        for (int c = 1; c < group.length(); c++) {
            char flag = group.charAt(c);
            if (flag == 's') {
                continue; // there is no progress meter to silence; errors still print, as with -sS
            } else if (flag == 'L') {
                followRedirects = true;
                continue;
            }
            // The remaining flags take a value: the rest of this argument, or the next one.
            String value = c + 1 < group.length() ? group.substring(c + 1) : valueAfter(args, ++i, "-" + flag);
            if (flag == 'o') {
                outputFile = value;
            } else if (flag == 'D') {
                headerFile = value;
            } else if (flag == 'm') {
                maxTimeMillis = millis(value);
            } else if (flag == 'w') {
                writeOut = value;
            } else if (flag == 'x') {
                proxy = proxy(value);
            } else if (flag == 'U') {
                proxyUser(value);
            } else {
                throw new IllegalArgumentException("option -" + flag + ": is unknown");
            }
            return i;
        }
        return i;
    }

    /** Fetches each URL in turn, as curl does going on after one fails; returns the exit code of the last failure. */
    private int run() throws IOException {
        OutputStream body = outputFile == null ? System.out : open(outputFile);
        PrintStream headers = headerFile == null ? new PrintStream(OutputStream.nullOutputStream())
                : headerFile.equals("-") ? System.out : new PrintStream(open(headerFile));
        int exitCode = 0;
        try {
            for (String url : urls) {
                try {
                    fetch(new URL(url), body, headers);
                } catch (IOException e) {
                    exitCode = failed(e);
                }
            }
            return exitCode;
        } finally {
            if (body != System.out) {
                body.close();
            }
            if (headers != System.out) {
                headers.close();
            }
        }
    }

    private static OutputStream open(String file) throws IOException {
        if (file.equals("-")) {
            return System.out;
        }
        return file.equals("/dev/null") ? OutputStream.nullOutputStream() : new FileOutputStream(file);
    }

    private void fetch(URL url, OutputStream body, PrintStream headers) throws IOException {
        for (int redirects = 0; ; redirects++) {
            // Without -x the JVM's own proxy settings apply, such as http.proxyHost.
            HttpURLConnection connection = (HttpURLConnection) (proxy == null ? url.openConnection()
                    : url.openConnection(proxy));
            connection.setInstanceFollowRedirects(false);
            // HttpURLConnection has no overall deadline, so -m bounds the connect (unless
            // --connect-timeout does) and each read.
            connection.setConnectTimeout(connectTimeoutMillis > 0 ? connectTimeoutMillis : maxTimeMillis);
            connection.setReadTimeout(maxTimeMillis);
            int status = connection.getResponseCode();
            printHeaders(connection, headers);
            String location = connection.getHeaderField("Location");
            boolean redirect = followRedirects && status >= 300 && status < 400 && location != null;
            long size = copyBody(connection, status, redirect ? OutputStream.nullOutputStream() : body);
            if (!redirect) {
                if (writeOut != null) {
                    System.out.print(writeOut.replace("%{http_code}", String.valueOf(status))
                            .replace("%{size_download}", String.valueOf(size))
                            .replace("%{proxy_used}", connection.usingProxy() ? "1" : "0").replace("\\n", "\n"));
                    System.out.flush();
                }
                return;
            }
            if (redirects == MAX_REDIRECTS) {
                throw new ProtocolException("Maximum (" + MAX_REDIRECTS + ") redirects followed");
            }
            url = new URL(url, location);
        }
    }

    /** Prints the status line and headers as received, then a blank line, like {@code curl -D}. */
    private static void printHeaders(HttpURLConnection connection, PrintStream headers) {
        headers.println(connection.getHeaderField(0));
        for (int i = 1; connection.getHeaderFieldKey(i) != null; i++) {
            headers.println(connection.getHeaderFieldKey(i) + ": " + connection.getHeaderField(i));
        }
        headers.println();
        headers.flush();
    }

    /** Reads the body to the end and closes it, which hands the connection back for keep-alive; returns its size. */
    private static long copyBody(HttpURLConnection connection, int status, OutputStream out) throws IOException {
        long size = 0;
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            if (in != null) {
                size = in.transferTo(out);
            }
        }
        out.flush();
        return size;
    }

    private static String valueAfter(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + option + ": requires parameter");
        }
        return args[i];
    }

    private static Proxy proxy(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected HOST:PORT for the proxy, got " + hostAndPort);
        }
        return new Proxy(Proxy.Type.HTTP, new InetSocketAddress(hostAndPort.substring(0, colon),
                Integer.parseInt(hostAndPort.substring(colon + 1))));
    }

    /** HttpURLConnection asks the default authenticator for a proxy's credentials, as curl's {@code -U} gives them. */
    private static void proxyUser(String userAndPassword) {
        int colon = userAndPassword.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected USER:PASSWORD for the proxy, got " + userAndPassword);
        }
        PasswordAuthentication login = new PasswordAuthentication(userAndPassword.substring(0, colon),
                userAndPassword.substring(colon + 1).toCharArray());
        Authenticator.setDefault(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY ? login : null;
            }
        });
    }

    private static int millis(String seconds) {
        try {
            return (int) Math.round(Double.parseDouble(seconds) * 1000);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number of seconds, got " + seconds);
        }
    }

    private static int exitCode(IOException e) {
        if (e instanceof SSLException) {
            return 35;
        } else if (e instanceof SocketTimeoutException) {
            return 28;
        } else if (e instanceof ConnectException) {
            return 7;
        } else if (e instanceof UnknownHostException) {
            return 6;
        }
        return 56;
    }
}
