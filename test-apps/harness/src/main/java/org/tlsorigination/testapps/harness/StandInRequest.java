package org.tlsorigination.testapps.harness;

/** One request as the stand-in read it. */
public final class StandInRequest {
    private final int connectionId;
    private final boolean tls;
    private final String sni;
    private final RequestHeadReader.RequestHead head;

    StandInRequest(int connectionId, boolean tls, String sni, RequestHeadReader.RequestHead head) {
        this.connectionId = connectionId;
        this.tls = tls;
        this.sni = sni;
        this.head = head;
    }

    public int connectionId() {
        return connectionId;
    }

    public boolean tls() {
        return tls;
    }

    public String sni() {
        return sni;
    }

    public String method() {
        return head.method;
    }

    public String path() {
        return head.path;
    }

    /** The Host header as sent, e.g. {@code edition.cnn.com:18080}; null if absent. */
    public String host() {
        return head.host;
    }

    /** The Upgrade header as sent, e.g. {@code h2c}; null if absent. */
    public String upgrade() {
        return head.upgrade;
    }

    /** The request line and header lines, as they arrived. */
    public String head() {
        return head.text;
    }

    @Override
    public String toString() {
        return (tls ? "TLS" + (sni == null ? " (no SNI)" : " (SNI " + sni + ")") : "plain")
                + " " + head.method + " " + head.path;
    }
}
