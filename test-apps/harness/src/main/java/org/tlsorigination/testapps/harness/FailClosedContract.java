package org.tlsorigination.testapps.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The fail-closed matrix, which every family runs (through {@link OriginationContract}, or directly for the socket
 * level): one run of the family's app meets every {@link FailClosedServer} and must get, for each, a failure naming
 * the host and the reason within its own set-up timeout, with nothing reaching the server, and then succeed with its
 * next request. The run writes its row of the matrix ({@link FailClosedTable}). A subclass names its app with
 * {@link AppUnderTest}; the app takes URLs, asks each in turn, and prints one line per URL, on stdout for a response
 * and on stderr for a failure.
 */
public abstract class FailClosedContract extends FamilyMatrixTest {

    /** Options the app is given before every run's own; none by default. */
    protected List<String> appOptions() {
        return List.of();
    }

    /**
     * Options that bound a connection's set-up to one second as the app's users would: its connect timeout, unless
     * the client's own https handshake runs under another one.
     */
    protected List<String> oneSecondSetUpTimeout() {
        return List.of("--connect-timeout", "1000");
    }

    /** Anything else the app's JVM needs, such as a framework property. */
    protected ChildJvm configured(ChildJvm app) {
        return app;
    }

    /**
     * The servers, by their names in the matrix's code ({@code RESET}, {@code SILENT}, ...), whose failure this
     * family reports without naming the host, as the README says; the matrix shows them, and fails if one does name it.
     */
    protected Set<String> failuresThatDoNotNameTheHost() {
        return Set.of();
    }

    /** How the app's line for a failed request starts. */
    protected String failureLinePrefix() {
        return "error";
    }

    /**
     * The matrix costs a child JVM per cell, so it runs on the newest claimed version, in the first shape of each
     * library the class names; a family that has shapes of its own to show says so here.
     */
    protected boolean runsTheFailClosedMatrix() {
        List<ClientShapes> shapes = AnnotationSupport.findRepeatableAnnotations(getClass(), ClientShapes.class);
        return onTheNewestClaimedVersion()
                && (shapes.isEmpty() || shapes.stream().anyMatch(group -> group.value()[0].equals(client.shape())));
    }

    /** Whether this cell's version is the newest the module claims of its library ({@code httpclient-4.5.14}). */
    protected boolean onTheNewestClaimedVersion() {
        String library = libraryOf(client.version().name());
        List<LibraryVersion> claimed = LibraryVersion.claimed().stream()
                .filter(version -> libraryOf(version.name()).equals(library)).collect(Collectors.toList());
        return claimed.get(claimed.size() - 1).name().equals(client.version().name());
    }

    private static String libraryOf(String version) {
        return version.replaceAll("-?\\d.*$", "");
    }

    @Test
    void everyBadServerFailsTheRequestInTimeNamingHostAndReasonAndTheNextOneSucceeds() throws Exception {
        assumeTrue(runsTheFailClosedMatrix(), "the matrix runs on the newest version, in one shape per library");
        try (FailClosedRow row = FailClosedRow.start(dir.resolve("fail-closed"), app())) {
            List<String> args = new ArrayList<>(oneSecondSetUpTimeout());
            args.addAll(row.urls());

            ChildJvm.Result result = configured(client.withAgent(row.stage(), row.rules(), withAppOptions(args)))
                    .systemProperty("tlsorigination.handshakeTimeout", "300000")
                    .timeout(Duration.ofSeconds(90))
                    .stderrIntoStdout()
                    .run();

            List<FailClosedCell> cells = FailClosedCell.of(result, failureLinePrefix(), row,
                    failuresThatDoNotNameTheHost());
            FailClosedTable.write(getClass().getSimpleName().replaceAll("(Origination|FailClosed)?Test$", "") + " "
                    + client, cells);
            List<String> problems = cells.stream().flatMap(cell -> cell.problems().stream())
                    .collect(Collectors.toList());
            StandInServer good = row.good();
            List<StandInRequest> counted = good.requests().stream()
                    .filter(request -> !request.path().equals(FailClosedRow.WARM_UP)).collect(Collectors.toList());
            if (counted.size() != cells.size() || !counted.stream().allMatch(StandInRequest::tls)
                    || good.plainConnections() > 0 || good.nonTlsBytesReceived() > 0) {
                problems.add("the good server saw " + good.summary());
            }
            assertEquals(List.of(), problems, result::toString);
        }
    }

    protected String[] withAppOptions(List<String> args) {
        List<String> all = new ArrayList<>(appOptions());
        all.addAll(args);
        return all.toArray(new String[0]);
    }
}
