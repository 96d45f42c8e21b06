package org.tlsorigination.agent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The first bytes written to a plain socket: a proxy request's head is held to its end, anything else is let go. */
class ProxyRequestHeadTest {

    @Test
    void aProxyRequestIsUndecidedUntilItsHeadEnds() {
        ProxyRequestHead head = new ProxyRequestHead();
        String request = "GET http://edition.cnn.com/politics?q=1 HTTP/1.1\r\nHost: edition.cnn.com\r\n"
                + "Proxy-Authorization: Basic YWxpY2U6cw==\r\nProxy-Connection: Keep-Alive\r\n\r\n";

        assertEquals(ProxyRequestHead.Verdict.UNDECIDED, feed(head, request.substring(0, request.length() - 1)));
        assertEquals(ProxyRequestHead.Verdict.COMPLETE, head.add((byte) '\n'));
        assertEquals(URI.create("http://edition.cnn.com/politics?q=1"), head.target());
        assertEquals("Basic YWxpY2U6cw==", head.header("proxy-authorization"));
        assertEquals("GET /politics?q=1 HTTP/1.1\r\nHost: edition.cnn.com\r\nConnection: close\r\n\r\n",
                new String(head.forOrigin(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void anythingElseIsKnownWithinItsFirstBytes() {
        assertEquals(ProxyRequestHead.Verdict.NOT_A_PROXY_REQUEST, feed(new ProxyRequestHead(), "GET /"));
        assertEquals(ProxyRequestHead.Verdict.NOT_A_PROXY_REQUEST, feed(new ProxyRequestHead(), "\u0016"));
        assertEquals(ProxyRequestHead.Verdict.NOT_A_PROXY_REQUEST, feed(new ProxyRequestHead(), "CONNECT edition"));
        assertEquals(ProxyRequestHead.Verdict.NOT_A_PROXY_REQUEST, feed(new ProxyRequestHead(), "select 1"));
    }

    private static ProxyRequestHead.Verdict feed(ProxyRequestHead head, String text) {
        ProxyRequestHead.Verdict verdict = null;
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
            verdict = head.add(b);
            if (verdict != ProxyRequestHead.Verdict.UNDECIDED) {
                return verdict;
            }
        }
        return verdict;
    }
}
