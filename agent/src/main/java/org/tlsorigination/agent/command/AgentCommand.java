package org.tlsorigination.agent.command;

import java.io.PrintStream;
import java.util.List;

/** The agent jar's main class: {@code java -jar tls-origination-agent.jar check|explain|attach|version ...}. */
public final class AgentCommand {
    private static final List<Command> COMMANDS = List.of(new CheckCommand(), new ExplainCommand(),
            new AttachCommand(), new VersionCommand());

    private AgentCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(usage());
            return Command.USAGE;
        }
        if (isHelp(args.get(0))) {
            out.print(usage());
            return 0;
        }
        for (Command command : COMMANDS) {
            if (command.name().equals(args.get(0))) {
                List<String> rest = args.subList(1, args.size());
                if (rest.stream().anyMatch(AgentCommand::isHelp)) {
                    out.print(command.help());
                    return 0;
                }
                return command.run(rest, out, err);
            }
        }
        err.println("error: no command is called " + args.get(0) + "; the commands are check, explain, attach and "
                + "version (--help describes them)");
        return Command.USAGE;
    }

    private static boolean isHelp(String argument) {
        return argument.equals("--help") || argument.equals("-h") || argument.equals("help");
    }

    private static String usage() {
        StringBuilder usage = new StringBuilder("usage: java -jar tls-origination-agent.jar COMMAND [ARGUMENTS]\n"
                + "       java -javaagent:tls-origination-agent.jar[=SETTINGS] ... (see the README)\n\n");
        for (Command command : COMMANDS) {
            usage.append(command.help().replaceAll("(?m)^", "  ")).append('\n');
        }
        return usage.append("  A command's --help describes it alone.\n").toString();
    }
}
