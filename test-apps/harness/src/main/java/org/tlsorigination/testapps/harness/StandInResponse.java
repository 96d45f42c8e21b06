package org.tlsorigination.testapps.harness;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/** The stand-in's answers: the page over TLS, a redirect to it in plain text, as edition.cnn.com answers. */
final class StandInResponse {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private StandInResponse() {
    }

    /** How the stand-in answers requests on one connection: plain text on a TLS port is recorded, not answered. */
    enum Reply { PAGE, REDIRECT, NONE }

    /**
     * Reads requests, hands each to {@code record}, and answers it with {@code reply} until the client is done;
     * returns whether the client ended the connection itself after its last request.
     */
    static boolean answerEach(InputStream in, OutputStream rawOut, Reply reply, byte[] page, int tlsPort,
                              Consumer<RequestHeadReader.RequestHead> record) throws IOException {
        RequestHeadReader reader = new RequestHeadReader(new BufferedInputStream(in));
        OutputStream out = new BufferedOutputStream(rawOut);
        for (RequestHeadReader.RequestHead head = reader.next(); head != null; head = reader.next()) {
            record.accept(head);
            if (reply == Reply.PAGE) {
                page(out, page, head.closeRequested);
            } else if (reply == Reply.REDIRECT) {
                redirectToHttps(out, tlsPort, head);
            }
            if (head.closeRequested || reply == Reply.NONE) {
                return false;
            }
        }
        return true;
    }

    static void page(OutputStream out, byte[] page, boolean close) throws IOException {
        write(out, "200 OK", "Content-Type: text/html; charset=utf-8", page, close);
    }

    /** What a plain HTTP server such as nginx answers to bytes that are no request, such as a ClientHello. */
    static void badRequest(OutputStream out) throws IOException {
        write(out, "400 Bad Request", "Content-Type: text/plain", new byte[0], true);
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
