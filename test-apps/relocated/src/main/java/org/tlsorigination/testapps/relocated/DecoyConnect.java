package org.tlsorigination.testapps.relocated;

import com.acme.decoy.HttpHost;
import com.acme.decoy.conn.socket.PlainConnectionSocketFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * Connects to the URL's host and port through the decoy {@link PlainConnectionSocketFactory} and prints
 * {@code decoy connected} or {@code decoy refused: MESSAGE}. Usage: {@code DecoyConnect URL}
 */
public final class DecoyConnect {

    private DecoyConnect() {
    }

    public static void main(String[] args) {
        URI url = URI.create(args[0]);
        HttpHost host = new HttpHost(url.getHost(), url.getPort());
        try (Socket socket = new PlainConnectionSocketFactory().connectSocket(5000, new Socket(), host,
                new InetSocketAddress(host.getHostName(), host.getPort()), null, null)) {
            System.out.println("decoy connected");
        } catch (IOException e) {
            System.out.println("decoy refused: " + e.getMessage());
        }
    }
}
