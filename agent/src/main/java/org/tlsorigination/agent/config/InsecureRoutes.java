package org.tlsorigination.agent.config;

import java.util.ArrayList;
import java.util.List;

/** The routes one {@code insecureSkipVerify: true} applies to: a few named, the rest counted, in one warning. */
final class InsecureRoutes {
    private static final int NAMED = 3;
    private final List<String> named = new ArrayList<>();
    private long count;

    void add(HostPattern host, int port, int connect) {
        count++;
        if (named.size() < NAMED) {
            named.add(host.name() + ":" + port + (connect == port ? "" : " (TLS to port " + connect + ")"));
        }
    }

    String warning(TlsSettings tls) {
        long more = count - named.size();
        String others = more == 0 ? "" : " and " + more + " more route" + (more == 1 ? "" : "s");
        return tls.insecureSkipVerify().describe("turns off certificate and host name checks for "
                + String.join(", ", named) + others);
    }
}
