package org.tlsorigination.agent.command;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * {@code attach PID [SETTINGS]}: loads this jar into a running JVM through the JDK's attach API, as
 * {@code -javaagent:...=SETTINGS} would at launch, and reports what became of it there, read back from the JVM's
 * system properties: the agent's own lines go to that JVM's standard error.
 */
final class AttachCommand implements Command {

    @Override
    public String name() {
        return "attach";
    }

    @Override
    public String help() {
        return "attach PID [SETTINGS]\n"
                + "  Loads the agent into the running JVM PID, with SETTINGS as after -javaagent:...=\n"
                + "  (rules=FILE,...; that JVM's tlsorigination.* properties and TLSORIGINATION_* variables apply\n"
                + "  too). Classes already loaded are rewritten and connections opened from then on are originated;\n"
                + "  the plain-text connections already open are named in one line of that JVM's log. A JVM that\n"
                + "  runs the agent already is left as it is. Needs a JDK (the jdk.attach module) and the JVM's own\n"
                + "  user.\n";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        if (arguments.isEmpty() || arguments.size() > 2) {
            err.println("error: attach takes a process id and, optionally, the agent's settings");
            return USAGE;
        }
        String pid = arguments.get(0);
        try {
            return AttachedJvm.load(pid, arguments.size() == 2 ? arguments.get(1) : null, agentJar(), out, err);
        } catch (NoClassDefFoundError e) {
            err.println("error: this Java runtime has no jdk.attach module; run attach with a JDK's java");
        } catch (URISyntaxException e) {
            err.println("error: cannot locate the agent jar: " + e.getMessage());
        }
        return 1;
    }

    private static Path agentJar() throws URISyntaxException {
        return Paths.get(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
