package org.tlsorigination.agent.command;

import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import org.tlsorigination.agent.RulesRouter;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.config.ConfigException;
import org.tlsorigination.agent.config.DecidingResource;
import org.tlsorigination.agent.config.OutboundTrafficPolicy;
import org.tlsorigination.agent.config.RulesLoader;
import org.tlsorigination.agent.config.Settings;
import org.tlsorigination.agent.route.Decision;

/**
 * {@code explain RULES URL}: what the agent would do with a request to URL, asked of the same router the agent
 * installs (the families route {@code http} requests, the guard sees every connect), and which resources decided,
 * found in the parsed file by the compiler's own decision.
 */
final class ExplainCommand implements Command {
    private static final String POLICY_SETTING = "outboundTrafficPolicy";

    @Override
    public String name() {
        return "explain";
    }

    @Override
    public String help() {
        return "explain RULES URL\n"
                + "  Says what the agent would do with a request to URL: originate (to which host and port, with\n"
                + "  which TLS), pass (it goes out as the app sends it) or refuse (the outbound traffic policy, or\n"
                + "  the guard), and which resources decided, by kind, name, file and line. The policy set by\n"
                + "  tlsorigination." + POLICY_SETTING + " or its environment variable applies as in the agent.\n"
                + "  Exit status 0 whenever the file is valid, 1 when it is not.\n";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        if (arguments.size() != 2) {
            err.println("error: explain takes a rules file and a URL");
            return USAGE;
        }
        Path file = Paths.get(arguments.get(0));
        URI url;
        try {
            url = new URI(arguments.get(1));
        } catch (URISyntaxException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            err.println("error: " + url + " is not an http or https URL with a host, such as http://edition.cnn.com/");
            return USAGE;
        }
        String host = url.getHost();
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("http") ? 80 : 443;
        try {
            OutboundTrafficPolicy setting = Settings.fromEnvironment(null).outboundTrafficPolicy();
            RulesRouter router = RulesRouter.load(file, CheckCommand.HANDSHAKE_TIMEOUT_MILLIS, setting);
            List<DecidingResource> deciding = RulesLoader.explain(file, host, port);
            out.println(verdict(router, scheme, host, port, url) + policy(router, setting));
            for (DecidingResource resource : deciding) {
                out.println("decided by " + resource);
            }
            if (deciding.isEmpty()) {
                out.println("decided by no resource: nothing in " + file + " names " + host);
            }
            return 0;
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static String verdict(RulesRouter router, String scheme, String host, int port, URI url) {
        Route route;
        try {
            route = router.route(host, port);
        } catch (ConnectException refused) {
            return "refuse " + url + ": " + refused.getMessage();
        }
        if (scheme.equals("https")) {
            return route != null && route.port() != port
                    ? "refuse " + url + ": the guard refuses a connect to " + host + ":" + port + ", which a rule "
                    + "sends over TLS to port " + route.port() + ", from a client the agent does not rewrite"
                    : "pass " + url + ": the app's own TLS, which the agent never wraps again";
        }
        if (route == null) {
            return "pass " + url + ": " + (router.rules().table().route(host, port) == Decision.UNDECLARED
                    ? "no rule declares " + host + ":" + port : "declared, and no rule originates TLS for it")
                    + "; it goes out as the app sends it";
        }
        return "originate " + url + ": " + RouteLine.of(host, port, router.rules().table().route(host, port));
    }

    private static String policy(RulesRouter router, OutboundTrafficPolicy setting) {
        if (setting != null) {
            return " (outboundTrafficPolicy " + setting + " from the setting tlsorigination." + POLICY_SETTING + ")";
        }
        OutboundTrafficPolicy own = router.rules().outboundTrafficPolicy();
        return own == null ? "" : " (outboundTrafficPolicy " + own + " from the rules file)";
    }
}
