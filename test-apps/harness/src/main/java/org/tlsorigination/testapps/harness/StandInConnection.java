package org.tlsorigination.testapps.harness;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** A connection as accepted; protocol and SNI are filled in once a TLS handshake completes. */
public final class StandInConnection {
    private final int id;
    private final StandInServer.Listener listener;
    private final String protocol;
    private final String sni;
    private final String clientSubject;
    private final String alpn;
    private final long sessionCreated;

    StandInConnection(int id, StandInServer.Listener listener, String protocol, String sni, String clientSubject,
                      String alpn, long sessionCreated) {
        this.id = id;
        this.listener = listener;
        this.protocol = protocol;
        this.sni = sni;
        this.clientSubject = clientSubject;
        this.alpn = alpn;
        this.sessionCreated = sessionCreated;
    }

    /** A TLS connection whose handshake completed, with what its session says of the client. */
    static StandInConnection handshaken(int id, SSLSocket socket) {
        SSLSession session = socket.getSession();
        return new StandInConnection(id, StandInServer.Listener.TLS, session.getProtocol(), requestedHostName(session),
                clientSubject(session), socket.getApplicationProtocol(), session.getCreationTime());
    }

    private static String clientSubject(SSLSession session) {
        try {
            return session.getPeerPrincipal().getName();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static String requestedHostName(SSLSession session) {
        if (session instanceof ExtendedSSLSession) {
            for (SNIServerName name : ((ExtendedSSLSession) session).getRequestedServerNames()) {
                if (name instanceof SNIHostName) {
                    return ((SNIHostName) name).getAsciiName();
                }
            }
        }
        return null;
    }

    public int id() {
        return id;
    }

    public StandInServer.Listener listener() {
        return listener;
    }

    public boolean tls() {
        return listener == StandInServer.Listener.TLS;
    }

    /** The negotiated protocol such as {@code TLSv1.3}; null for plain or unfinished handshakes. */
    public String protocol() {
        return protocol;
    }

    /** The SNI host name the client sent; null if none (or plain). */
    public String sni() {
        return sni;
    }

    /** The ALPN protocol agreed, e.g. {@code http/1.1}; empty when none was, null for plain connections. */
    public String alpn() {
        return alpn;
    }

    /** The subject of the client's certificate, e.g. {@code CN=legacy-app}; null if it sent none. */
    public String clientSubject() {
        return clientSubject;
    }

    /** When the TLS session was created; a resumed session keeps its first creation time. 0 without a handshake. */
    long sessionCreated() {
        return sessionCreated;
    }

    @Override
    public String toString() {
        return "#" + id + " " + listener + (protocol == null ? "" : " " + protocol)
                + (sni == null ? "" : " SNI " + sni);
    }
}
