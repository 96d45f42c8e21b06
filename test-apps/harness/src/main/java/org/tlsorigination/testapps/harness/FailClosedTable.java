package org.tlsorigination.testapps.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fail-closed matrix as Markdown, family by server, for each JDK the tests ran on: each family's run writes its
 * row, then the whole table is written again from every row so far, to {@code fail-closed-matrix.md} in the directory
 * the build names ({@code test-apps/target/fail-closed-matrix/}).
 */
final class FailClosedTable {
    private static final String DIRECTORY_PROPERTY = "tlsorigination.matrix.dir";
    private static final String NOTES = "\n<!-- notes -->\n";

    private FailClosedTable() {
    }

    /** Writes {@code row}'s cells and the table; nothing outside a Maven build, which names the directory. */
    static void write(String row, List<FailClosedCell> cells) throws IOException {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        if (directory == null) {
            return;
        }
        Path rows = Paths.get(directory, "rows", "JDK " + Runtime.version().feature());
        Files.createDirectories(rows);
        String line = "| " + row + " | " + cells.stream().map(FailClosedCell::summary)
                .collect(Collectors.joining(" | ")) + " |";
        String notes = "\n**" + row + "**\n\n" + cells.stream()
                .map(cell -> "- " + cell.server().title() + ": " + escaped(cell.details())
                        + cell.problems().stream().map(problem -> "\n  - **" + escaped(problem) + "**")
                        .collect(Collectors.joining()))
                .collect(Collectors.joining("\n")) + "\n";
        Files.writeString(rows.resolve(row.replaceAll("[^A-Za-z0-9.-]+", "_") + ".md"), line + NOTES + notes,
                StandardCharsets.UTF_8);
        Files.writeString(Paths.get(directory, "fail-closed-matrix.md"), table(rows.getParent()),
                StandardCharsets.UTF_8);
    }

    private static String table(Path jdks) throws IOException {
        StringBuilder table = new StringBuilder("# Fail-closed matrix\n\nWritten by `mvn verify` (each family "
                + "module's `FailClosedContract`), one child JVM per family. Each cell: what the app got, and how long "
                + "after its "
                + "previous line; every failure must name the host and the reason, within " + FailClosedRow.BOUND_MILLIS
                + " ms (the app's " + FailClosedRow.SET_UP_TIMEOUT_MILLIS + " ms timeout and the time to report it), "
                + "with nothing reaching the server and the app's next request succeeding.\n");
        for (Path jdk : sorted(jdks)) {
            List<String> rows = new ArrayList<>();
            StringBuilder notes = new StringBuilder();
            for (Path row : sorted(jdk)) {
                String[] parts = Files.readString(row, StandardCharsets.UTF_8).split(NOTES, 2);
                rows.add(parts[0]);
                notes.append(parts[1]);
            }
            table.append("\n## ").append(jdk.getFileName()).append("\n\n| family | ")
                    .append(Arrays.stream(FailClosedServer.values()).map(FailClosedServer::title)
                            .collect(Collectors.joining(" | ")))
                    .append(" |\n|---|").append("---|".repeat(FailClosedServer.values().length)).append('\n')
                    .append(String.join("\n", rows)).append("\n\n### What each app reported\n").append(notes);
        }
        return table.toString();
    }

    private static List<Path> sorted(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.sorted().collect(Collectors.toList());
        }
    }

    private static String escaped(String text) {
        return text.replace("|", "\\|");
    }
}
