package org.tlsorigination.testapps.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One family's row of the fail-closed matrix: a good stand-in and every {@link FailClosedServer}, each on a port of
 * its own that a rule originates to, met by one run of the app. The app asks the good server, then each bad one
 * followed by the good one again (after two that warm the client up), so every failure is timed from the app's
 * previous line and shown to leave the app able to make its next request.
 */
final class FailClosedRow implements AutoCloseable {
    /** The app's own set-up timeout in the matrix, which must end the silent server's wait. */
    static final long SET_UP_TIMEOUT_MILLIS = 1_000;
    /** How long after its previous line the app may report a failure: its timeout, and time to print it. */
    static final long BOUND_MILLIS = SET_UP_TIMEOUT_MILLIS + 2_000;
    static final String WARM_UP = "/warm-up";

    private final Authorities authorities;
    private final SeedStage stage;
    private final Map<FailClosedServer, StandInServer> servers = new EnumMap<>(FailClosedServer.class);

    private FailClosedRow(Authorities authorities, SeedStage stage) {
        this.authorities = authorities;
        this.stage = stage;
    }

    static FailClosedRow start(Path directory, Class<?> app) throws IOException {
        Files.createDirectories(directory);
        Authorities authorities = new Authorities(directory);
        FailClosedRow row = new FailClosedRow(authorities, SeedStage.start(directory, authorities.jvm,
                StandInServer.builder(authorities.jvm.issue(SeedStage.HOST).sslContext()), app));
        try {
            for (FailClosedServer server : FailClosedServer.values()) {
                row.servers.put(server, server.server(authorities).start());
            }
        } catch (IOException | RuntimeException e) {
            row.close();
            throw e;
        }
        return row;
    }

    SeedStage stage() {
        return stage;
    }

    StandInServer good() {
        return stage.standIn();
    }

    StandInServer server(FailClosedServer server) {
        return servers.get(server);
    }

    /**
     * Two requests to the good server, then each bad server's URL followed by the good one again. The first two only
     * warm the client up: their handshakes load classes under the one-second timeout, which a busy machine may miss.
     */
    List<String> urls() {
        List<String> urls = new ArrayList<>(List.of(stage.plainUrl(WARM_UP), stage.plainUrl(WARM_UP)));
        servers.forEach((server, standIn) -> {
            urls.add(url(standIn, "/" + server.name().toLowerCase()));
            urls.add(stage.plainUrl("/after-" + server.name().toLowerCase()));
        });
        return urls;
    }

    /** The short form: each server's plain port goes over TLS to its TLS port, with the server's own TLS fields. */
    Path rules() throws IOException {
        List<String> lines = new ArrayList<>(List.of("originate:"));
        entry(lines, good(), List.of());
        servers.forEach((server, standIn) -> entry(lines, standIn, server.tlsFields(authorities)));
        return Files.write(authorities.bundle.resolveSibling("fail-closed-rules.yaml"), lines, StandardCharsets.UTF_8);
    }

    private static void entry(List<String> lines, StandInServer standIn, List<String> tlsFields) {
        lines.add("- host: " + SeedStage.HOST);
        lines.add("  port: " + standIn.plainPort());
        lines.add("  targetPort: " + standIn.tlsPort());
        if (!tlsFields.isEmpty()) {
            lines.add("  tls:");
            tlsFields.forEach(field -> lines.add("    " + field));
        }
    }

    private static String url(StandInServer standIn, String path) {
        return "http://" + SeedStage.HOST + ":" + standIn.plainPort() + path;
    }

    @Override
    public void close() {
        servers.values().forEach(StandInServer::close);
        stage.close();
    }
}
