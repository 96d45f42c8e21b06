package com.acme.decoy.conn.scheme;

import com.acme.decoy.params.HttpParams;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The decoy's second look-alike, of the other hook Apache HttpClient 4 is rewritten at; never called. */
public final class PlainSocketFactory {

    public Socket connectSocket(Socket socket, InetSocketAddress remoteAddress, InetSocketAddress localAddress,
                                HttpParams params) throws IOException {
        socket.connect(remoteAddress);
        return socket;
    }
}
