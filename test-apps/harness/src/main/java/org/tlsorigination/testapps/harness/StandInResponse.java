package org.tlsorigination.testapps.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The stand-in's answers: the page over TLS, a redirect to it in plain text, as edition.cnn.com answers. */
final class StandInResponse {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private StandInResponse() {
    }

    static void page(OutputStream out, byte[] page, boolean close) throws IOException {
        write(out, "200 OK", "Content-Type: text/html; charset=utf-8", page, close);
    }

    static void redirectToHttps(OutputStream out, int tlsPort, RequestHeadReader.RequestHead request)
            throws IOException {
        String location = "https://" + StandInServer.HOST + (tlsPort == 443 ? "" : ":" + tlsPort) + request.path;
        write(out, "301 Moved Permanently", "location: " + location, new byte[0], request.closeRequested);
    }

    private static void write(OutputStream out, String status, String header, byte[] body, boolean close)
            throws IOException {
        String head = "HTTP/1.1 " + status + "\r\n"
                + header + "\r\n"
                + "Date: " + HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n"
                + "Server: stand-in\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "Content-Length: " + body.length + "\r\n"
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }
}
