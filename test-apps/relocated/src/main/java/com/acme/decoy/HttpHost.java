package com.acme.decoy;

/** A host of the decoy's own, named as Apache HttpClient names its host type. */
public final class HttpHost {
    private final String name;
    private final int port;

    public HttpHost(String name, int port) {
        this.name = name;
        this.port = port;
    }

    public String getHostName() {
        return name;
    }

    public int getPort() {
        return port;
    }
}
