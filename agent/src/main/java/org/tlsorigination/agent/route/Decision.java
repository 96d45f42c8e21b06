package org.tlsorigination.agent.route;

/** What to do with one plain-text connection: leave it alone, or connect to another port and originate TLS. */
public final class Decision {
    /** A declared host and port whose traffic goes out as the client sends it. */
    public static final Decision PASS = new Decision(-1, null);
    /** No rule names this host and port; the outbound traffic policy decides. */
    public static final Decision UNDECLARED = new Decision(-1, null);

    private final int port;
    private final TlsProfile tls;

    private Decision(int port, TlsProfile tls) {
        this.port = port;
        this.tls = tls;
    }

    public static Decision originate(int port, TlsProfile tls) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return new Decision(port, java.util.Objects.requireNonNull(tls, "tls"));
    }

    public boolean originates() {
        return tls != null;
    }

    /** The port to connect to instead of the one the client asked for. */
    public int port() {
        return port;
    }

    public TlsProfile tls() {
        return tls;
    }

    @Override
    public String toString() {
        return originates() ? "ORIGINATE(" + port + ", " + tls + ")" : this == PASS ? "PASS" : "UNDECLARED";
    }
}
