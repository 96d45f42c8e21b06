package org.tlsorigination.agent.config;

import java.util.Collection;
import java.util.Locale;

/** A host name as Istio writes it: an exact name or a {@code *.suffix} wildcard, lower-cased. */
final class HostPattern {
    private final String name;
    private final YamlField field;

    private HostPattern(String name, YamlField field) {
        this.name = name;
        this.field = field;
    }

    static HostPattern parse(YamlField field) throws ConfigException {
        String name = field.string().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String exact = name.startsWith("*.") ? name.substring(2) : name;
        if (name.equals("*")) {
            throw field.error("a bare '*' would match every host; name the hosts or use '*.suffix'");
        }
        if (exact.contains("*")) {
            throw field.error("'" + name + "': only a leading '*.' wildcard is supported");
        }
        if (!exact.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw field.error("'" + name + "' is not a host name");
        }
        return new HostPattern(name, field);
    }

    String name() {
        return name;
    }

    YamlField field() {
        return field;
    }

    /** True when every host {@code host} matches is also matched by {@code pattern}; both are patterns. */
    static boolean covers(String pattern, String host) {
        if (pattern.equals(host)) {
            return true;
        }
        return pattern.startsWith("*.") && host.endsWith(pattern.substring(1));
    }

    /** The pattern among {@code patterns} that covers {@code host} most specifically, or null if none does. */
    static String mostSpecific(Collection<String> patterns, String host) {
        String best = null;
        for (String pattern : patterns) {
            if (covers(pattern, host) && (best == null || specificity(pattern) > specificity(best))) {
                best = pattern;
            }
        }
        return best;
    }

    /** Exact names beat any wildcard; a longer wildcard suffix beats a shorter one. */
    private static int specificity(String pattern) {
        return pattern.startsWith("*.") ? pattern.length() : Integer.MAX_VALUE;
    }
}
