package org.tlsorigination.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes destinations as a rules file in the short form, which the loader reads back as exactly those routes: each
 * under {@code originate} goes over TLS to port 443 until its {@code targetPort} is edited, each under {@code allow}
 * stays as it is. A host the form cannot name (an IPv6 literal, a name with an underscore) becomes a comment.
 */
public final class ShortFormReport {
    private final List<String> header = new ArrayList<>();
    private final List<String> originate = new ArrayList<>();
    private final List<String> allow = new ArrayList<>();
    private final List<String> unwritable = new ArrayList<>();

    /** A line of the comment at the top. */
    public ShortFormReport comment(String line) {
        header.add("# " + oneLine(line));
        return this;
    }

    /** A destination to originate TLS for, with a comment on why it is listed. */
    public ShortFormReport originate(String host, int port, String comment) {
        add(originate, host, port, comment, "  targetPort: 443");
        return this;
    }

    /** A destination to declare and leave alone, which keeps it reachable under REGISTRY_ONLY. */
    public ShortFormReport allow(String host, int port, String comment) {
        add(allow, host, port, comment, null);
        return this;
    }

    private void add(List<String> section, String host, int port, String comment, String target) {
        if (!HostPattern.isHostName(host) || host.length() > 253 || port < 1 || port > 65535) {
            unwritable.add("# not a rule the short form can hold: " + oneLine(host) + " port " + port + ", "
                    + oneLine(comment));
            return;
        }
        section.add("# " + oneLine(comment));
        section.add("- host: " + host);
        section.add("  port: " + port);
        if (target != null) {
            section.add(target);
        }
    }

    public String render() {
        List<String> lines = new ArrayList<>(header);
        lines.add(originate.isEmpty() ? "originate: []" : "originate:");
        lines.addAll(originate);
        lines.add(allow.isEmpty() ? "allow: []" : "allow:");
        lines.addAll(allow);
        lines.addAll(unwritable);
        return String.join("\n", lines) + "\n";
    }

    /** A comment ends at the line's end, YAML's Unicode line breaks too, so nothing written in one may break it. */
    private static String oneLine(String text) {
        StringBuilder line = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            line.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        return line.toString();
    }
}
