package org.tlsorigination.agent.config;

import java.util.Locale;

/** A host name as Istio writes it: an exact name or a {@code *.suffix} wildcard, lower-cased. */
final class HostPattern {
    /** The longest a DNS name can be, and the longest one label of it. */
    private static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL = 63;

    private final String name;
    private final YamlField field;

    private HostPattern(String name, YamlField field) {
        this.name = name;
        this.field = field;
    }

    /** Checked by hand, not by a pattern, since it runs once for every host of a file that may hold 50,000. */
    static HostPattern parse(YamlField field) throws ConfigException {
        String written = field.string();
        String name = written.toLowerCase(Locale.ROOT);
        if (name.length() > MAX_LENGTH) {
            throw field.error("is " + name.length() + " characters long; a host name has at most " + MAX_LENGTH);
        }
        int scheme = name.indexOf("://");
        if (scheme > 0) {
            String rest = name.substring(scheme + 3);
            int end = 0;
            while (end < rest.length() && "/:?#".indexOf(rest.charAt(end)) < 0) {
                end++;
            }
            throw field.error("'" + written + "' is a URL; write the host name alone: " + rest.substring(0, end));
        }
        int colon = name.indexOf(':');
        if (colon > 0 && colon == name.lastIndexOf(':') && isDigits(name.substring(colon + 1))) {
            throw field.error("'" + written + "' has a port; write the host name alone, " + name.substring(0, colon)
                    + ", and give port " + name.substring(colon + 1) + " where the resource lists its ports");
        }
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
        if (!isHostName(exact)) {
            throw field.error("'" + name + "' is not a host name");
        }
        return new HostPattern(name, field.detached());
    }

    /** Dot-separated labels of 1 to 63 ASCII letters, digits and inner hyphens. */
    static boolean isHostName(String name) {
        int labelStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '.') {
                int length = i - labelStart;
                if (length == 0 || length > MAX_LABEL || name.charAt(labelStart) == '-' || name.charAt(i - 1) == '-') {
                    return false;
                }
                labelStart = i + 1;
            } else {
                char c = name.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    String name() {
        return name;
    }

    YamlField field() {
        return field;
    }
}
