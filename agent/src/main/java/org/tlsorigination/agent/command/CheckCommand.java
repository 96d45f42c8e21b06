package org.tlsorigination.agent.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.tlsorigination.agent.RulesRouter;
import org.tlsorigination.agent.config.ConfigException;
import org.tlsorigination.agent.config.LoadedRules;
import org.tlsorigination.agent.config.OutboundTrafficPolicy;

/**
 * {@code check RULES}: loads a rules file as the agent loads it at start-up, certificates and keys included, and
 * prints the compiled table, a line per route, then every warning and note.
 */
final class CheckCommand implements Command {
    /** Only builds the TLS settings; nothing connects. */
    static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String help() {
        return "check RULES\n"
                + "  Validates a rules file with the agent's own loader and prints the compiled table, one line per\n"
                + "  host and port: target port, TLS mode, SNI, trust, verification and client certificate, or\n"
                + "  tls=none for a declared port left as it is; then every warning and note. Exit status 0 when\n"
                + "  the file is valid, 1 with the agent's file:line message when it is not.\n";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        if (arguments.size() != 1) {
            err.println("error: check takes one rules file");
            return USAGE;
        }
        Path file = Paths.get(arguments.get(0));
        LoadedRules rules;
        try {
            rules = RulesRouter.load(file, HANDSHAKE_TIMEOUT_MILLIS, null).rules();
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        OutboundTrafficPolicy policy = rules.outboundTrafficPolicy();
        out.println(file + ": valid, " + counted(rules.resourceCount(), "resource") + ", "
                + counted(rules.table().size(), "route") + " originating TLS, outboundTrafficPolicy "
                + (policy == null ? "ALLOW_ANY (the default)" : policy.name()));
        rules.table().entries().forEach((host, ports) -> ports.forEach((port, decision) ->
                out.println("route " + RouteLine.of(host, port, decision))));
        rules.warnings().forEach(warning -> out.println("warning: " + warning));
        rules.notes().forEach(note -> out.println("note: " + note));
        return 0;
    }

    private static String counted(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
