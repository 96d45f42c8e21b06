package com.acme.decoy.conn.socket;

import com.acme.decoy.HttpHost;
import com.acme.decoy.protocol.HttpContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Not Apache HttpClient: a class of an app's own with the simple name, the packages below the root, the method name
 * and the argument types of a hook Apache HttpClient 4 is rewritten at; beside it, a look-alike of the family's
 * other hook and the types both take, but not the library's other classes (its marker {@code client.HttpClient}).
 * It connects as it is written to.
 */
public final class PlainConnectionSocketFactory {

    public Socket connectSocket(int connectTimeout, Socket socket, HttpHost host, InetSocketAddress remoteAddress,
                                InetSocketAddress localAddress, HttpContext context) throws IOException {
        socket.connect(remoteAddress, connectTimeout);
        return socket;
    }
}
