package org.tlsorigination.agent.command;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.tlsorigination.agent.AgentState;

/** {@code version}: the agent's version and those of the libraries relocated inside its jar. */
final class VersionCommand implements Command {

    @Override
    public String name() {
        return "version";
    }

    @Override
    public String help() {
        return "version\n"
                + "  Prints the agent's version and the versions of Byte Buddy and SnakeYAML inside its jar.\n";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        if (!arguments.isEmpty()) {
            err.println("error: version takes no arguments");
            return USAGE;
        }
        Attributes manifest;
        try (JarFile jar = new JarFile(Paths.get(VersionCommand.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).toFile())) {
            manifest = jar.getManifest().getMainAttributes();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            err.println("error: cannot read the agent jar's manifest: " + e);
            return 1;
        }
        out.println(AgentState.version());
        out.println("Byte Buddy " + manifest.getValue("Byte-Buddy-Version") + " (relocated)");
        out.println("SnakeYAML " + manifest.getValue("SnakeYAML-Version") + " (relocated)");
        out.println("running on Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        return 0;
    }
}
