package org.tlsorigination.agent.command;

import java.io.PrintStream;
import java.util.List;

/** One of the commands the agent jar runs as {@code java -jar tls-origination-agent.jar COMMAND ...}. */
interface Command {
    /** Exit status of a command given the wrong arguments, as for other command-line tools. */
    int USAGE = 2;

    String name();

    /** How to call it and what it does, for {@code --help}: a first line of syntax, then lines of text. */
    String help();

    /** @return the exit status */
    int run(List<String> arguments, PrintStream out, PrintStream err);
}
