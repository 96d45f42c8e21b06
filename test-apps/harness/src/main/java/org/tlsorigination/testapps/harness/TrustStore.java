package org.tlsorigination.testapps.harness;

import java.nio.file.Path;
import java.util.Map;

/** A PKCS12 trust store file and what a JVM needs to use it as its default trust store. */
public final class TrustStore {
    private static final String PASSWORD = "changeit";
    private final Path path;

    TrustStore(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public String password() {
        return PASSWORD;
    }

    public String type() {
        return "PKCS12";
    }

    /** The {@code javax.net.ssl.trustStore*} properties for a child JVM. */
    public Map<String, String> systemProperties() {
        return Map.of(
                "javax.net.ssl.trustStore", path.toAbsolutePath().toString(),
                "javax.net.ssl.trustStorePassword", PASSWORD,
                "javax.net.ssl.trustStoreType", type());
    }
}
