package org.tlsorigination.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The string after {@code -javaagent:agent.jar=}: {@code name=value} pairs separated by commas, spaces around names
 * and values ignored. A comma inside a value is written twice, {@code rules=/etc/a,,b.yaml} for {@code /etc/a,b.yaml}:
 * unlike quotes, a doubled comma survives both shells and the JVM's own splitting of {@code JAVA_TOOL_OPTIONS}.
 */
final class AgentArguments {
    static final String SOURCE = "agent arguments";

    private AgentArguments() {
    }

    static Map<String, String> parse(String arguments) throws ConfigException {
        Map<String, String> parsed = new LinkedHashMap<>();
        List<String> pairs = pairs(arguments);
        for (int i = 0; i < pairs.size(); i++) {
            String pair = pairs.get(i);
            if (pair.isBlank() && i == pairs.size() - 1 && i > 0) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || pair.substring(0, eq).isBlank()) {
                throw new ConfigException(SOURCE, 0, pair.trim(), "expected name=value (a comma inside a value is "
                        + "written twice)");
            }
            String name = pair.substring(0, eq).trim();
            if (parsed.put(name, pair.substring(eq + 1).trim()) != null) {
                throw new ConfigException(SOURCE, 0, name, "given twice");
            }
        }
        return parsed;
    }

    /** The value of {@code name}, found even when other pairs are malformed; null when it is not given. */
    static String lenientValue(String arguments, String name) {
        for (String pair : pairs(arguments)) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                return pair.substring(eq + 1).trim();
            }
        }
        return null;
    }

    private static List<String> pairs(String arguments) {
        List<String> pairs = new ArrayList<>();
        if (arguments == null || arguments.isBlank()) {
            return pairs;
        }
        StringBuilder pair = new StringBuilder();
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c != ',') {
                pair.append(c);
            } else if (i + 1 < arguments.length() && arguments.charAt(i + 1) == ',') {
                pair.append(',');
                i++;
            } else {
                pairs.add(pair.toString());
                pair.setLength(0);
            }
        }
        pairs.add(pair.toString());
        return pairs;
    }
}
