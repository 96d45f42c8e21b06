package org.tlsorigination.testapps.apache5;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;

/** The oldest and newest Apache HttpClient 5 claimed, each in its own directory of jars, and the client shapes. */
final class ClaimedVersions {
    static final List<String> SHAPES = List.of("classic-default", "classic-pooled", "async-default", "async-custom");

    private ClaimedVersions() {
    }

    static List<String> versions() {
        return Arrays.asList(System.getProperty("httpclient5.versions").split(","));
    }

    /** Every shape on every version: the arguments of the matrix tests. */
    static Stream<Arguments> shapesAndVersions() {
        return versions().stream().flatMap(version -> SHAPES.stream().map(shape -> Arguments.of(shape, version)));
    }

    /** The unchanged app with the agent, on the class path of one version. */
    static ChildJvm fetch(SeedStage stage, String version, String... args) throws IOException {
        return stage.withAgent(stage.rules("edition-cnn-com.yaml"), args).classPath(jars(version));
    }

    static Path[] jars(String version) throws IOException {
        Path directory = Paths.get(System.getProperty("httpclient5.versions.dir"), version);
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().collect(Collectors.toList())
                    .toArray(new Path[0]);
        }
    }
}
