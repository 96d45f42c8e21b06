package org.tlsorigination.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tlsorigination.agent.bootstrap.Origination;

class BootstrapClassesTest {

    /** A facade class left off the list would be loaded by the app's loader, where JDK classes cannot call it. */
    @Test
    void everyClassOfTheFacadePackageIsDefinedInTheBootLoader() throws IOException, URISyntaxException {
        Path classes = Path.of(Origination.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/tlsorigination/agent/bootstrap");
        List<String> compiled;
        try (Stream<Path> files = Files.list(classes)) {
            compiled = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class"))
                    .map(name -> "org.tlsorigination.agent.bootstrap." + name.substring(0, name.length() - 6))
                    .sorted()
                    .collect(Collectors.toList());
        }

        assertEquals(compiled, BootstrapClasses.FACADE.stream().sorted().collect(Collectors.toList()));
    }
}
