package org.tlsorigination.agent.instrument.netty.injected;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** What a request written in absolute form becomes on a channel that runs in a tunnel to one host. */
class OriginatedChannelsTest {

    @Test
    void aRequestForTheTunnelsDestinationGoesInOriginFormWithoutTheProxysHeaders() throws Exception {
        EmbeddedChannel channel = tunnelTo("edition.cnn.com", 80);
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                "http://edition.cnn.com/politics?page=2");
        request.headers().set("Proxy-Authorization", "Basic YWxpY2U6cw==").set("Proxy-Connection", "keep-alive")
                .set("Host", "edition.cnn.com");

        OriginatedChannels.toOriginOrRefuse(channel.pipeline().firstContext(), request);

        assertEquals("/politics?page=2", request.uri());
        assertFalse(request.headers().contains("Proxy-Authorization"), request::toString);
        assertFalse(request.headers().contains("Proxy-Connection"), request::toString);
        assertEquals("edition.cnn.com", request.headers().get("Host"));
        assertTrue(channel.isOpen());
    }

    @Test
    void aRequestForAnyOtherHostOrPortIsRefusedAndTheChannelClosed() {
        for (String target : new String[] {"http://www.example.com/politics", "http://edition.cnn.com:8080/"}) {
            EmbeddedChannel channel = tunnelTo("edition.cnn.com", 80);
            HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);

            ConnectException refused = assertThrows(ConnectException.class,
                    () -> OriginatedChannels.toOriginOrRefuse(channel.pipeline().firstContext(), request));

            assertTrue(refused.getMessage().contains("TLS origination to edition.cnn.com:80 refused a request for "
                    + target), refused.getMessage());
            assertEquals(target, request.uri());
            assertFalse(channel.isOpen());
        }
    }

    @Test
    void aRequestInOriginFormIsLeftAsItIs() throws Exception {
        EmbeddedChannel channel = tunnelTo("edition.cnn.com", 80);
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/politics");

        OriginatedChannels.toOriginOrRefuse(channel.pipeline().firstContext(), request);

        assertEquals("/politics", request.uri());
        assertTrue(channel.isOpen());
    }

    private static EmbeddedChannel tunnelTo(String host, int port) {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        channel.attr(AttributeKey.<InetSocketAddress>valueOf(OriginatedChannels.TUNNEL_TO))
                .set(InetSocketAddress.createUnresolved(host, port));
        return channel;
    }
}
