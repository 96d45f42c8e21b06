package org.tlsorigination.testapps.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Where the end-to-end tests find the packaged agent and the rules files in {@code config/}. */
public final class AgentUnderTest {
    private static final Pattern PORT_80 = Pattern.compile("(?m)^(\\s*-?\\s*(?:number|port|targetPort):\\s*)80\\s*$");
    private static final Pattern PORT_443 = Pattern.compile("(?m)^(\\s*-?\\s*(?:number|port|targetPort):\\s*)443\\s*$");

    private AgentUnderTest() {
    }

    /** The agent jar, as the build packaged it; its tests run after {@code mvn package}, never against classes. */
    public static Path jar() {
        Path jar = Paths.get(requiredProperty("tlsorigination.agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: run the tests with `mvn verify`, which packages it");
        }
        return jar;
    }

    public static Path config(String fileName) {
        return Paths.get(requiredProperty("tlsorigination.config.dir")).resolve(fileName);
    }

    /**
     * A copy of a rules file of {@code config/} in which the seed's ports 80 and 443 become the stand-in's, so the
     * same resources run on ports any user may bind.
     */
    public static Path withPorts(String fileName, int plainPort, int tlsPort, Path directory) throws IOException {
        String rules = Files.readString(config(fileName), StandardCharsets.UTF_8);
        rules = PORT_80.matcher(rules).replaceAll("$1" + plainPort);
        rules = PORT_443.matcher(rules).replaceAll("$1" + tlsPort);
        return Files.writeString(directory.resolve(fileName), rules, StandardCharsets.UTF_8);
    }

    /**
     * The JVM's own warnings (lines starting {@code WARNING:}) that name the agent, its classes or a Java agent. On JDK
     * 24 and later an app's own libraries may draw warnings of their own (Netty 4.1 calls {@code sun.misc.Unsafe} and
     * {@code System.loadLibrary}), each naming its caller; those are not the agent's to avoid.
     */
    public static List<String> jvmWarningsAboutTheAgent(String stderr) {
        return stderr.lines().filter(line -> line.startsWith("WARNING:"))
                .filter(line -> line.contains("org.tlsorigination.agent") || line.contains("tls-origination-agent")
                        || line.contains("Java agent"))
                .collect(Collectors.toList());
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set; run the tests through Maven");
        }
        return value;
    }
}
