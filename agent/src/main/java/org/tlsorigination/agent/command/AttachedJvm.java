package org.tlsorigination.agent.command;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.tlsorigination.agent.AgentState;
import org.tlsorigination.agent.SingleCopy;

/**
 * The JDK's attach API, apart from {@link AttachCommand} so that a runtime without the jdk.attach module fails only
 * the attach command, with a message.
 */
final class AttachedJvm {

    private AttachedJvm() {
    }

    /** @return the exit status */
    static int load(String pid, String settings, Path jar, PrintStream out, PrintStream err) {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException | IOException e) {
            err.println("error: cannot attach to JVM " + pid + ": " + e.getMessage());
            return 1;
        }
        try {
            String earlierCopy = vm.getSystemProperties().getProperty(SingleCopy.MARKER);
            vm.loadAgent(jar.toString(), settings);
            String state = vm.getSystemProperties().getProperty(AgentState.PROPERTY, "");
            if (earlierCopy != null) {
                out.println("JVM " + pid + " already has the agent, from " + earlierCopy + " (" + state + "); it "
                        + "takes one copy, so attaching again changed nothing");
                return 0;
            }
            if (state.startsWith(AgentState.RUNNING)) {
                out.println("attached to JVM " + pid + ": " + state.substring(AgentState.RUNNING.length()));
                return 0;
            }
            if (state.equals(AgentState.DISABLED)) {
                out.println("attached to JVM " + pid + ", where tlsorigination.enabled=false leaves it doing nothing");
                return 0;
            }
            err.println("error: the agent did not start in JVM " + pid + ": "
                    + (state.startsWith(AgentState.REFUSED) ? state.substring(AgentState.REFUSED.length())
                    : "it gave no sign; see that JVM's standard error"));
            return 1;
        } catch (AgentLoadException | AgentInitializationException | IOException e) {
            err.println("error: cannot load the agent into JVM " + pid + ": " + e.getMessage());
            return 1;
        } finally {
            detach(vm);
        }
    }

    private static void detach(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException e) {
            // the JVM went away; what it did is already said
        }
    }
}
