package org.tlsorigination.agent.config;

import java.util.Locale;

/**
 * Istio's {@code outboundTrafficPolicy}: with ALLOW_ANY (the default) a host no rule names is reached as the app
 * asks; with REGISTRY_ONLY it is refused, as in a mesh that only knows its ServiceEntries.
 */
public enum OutboundTrafficPolicy {
    ALLOW_ANY, REGISTRY_ONLY;

    /** The policy a rules file sets as {@code outboundTrafficPolicy: {mode: ...}}, or null when it sets none. */
    static OutboundTrafficPolicy parse(YamlField field) throws ConfigException {
        if (!field.isPresent()) {
            return null;
        }
        YamlMapping policy = field.mapping();
        policy.allowOnly("mode");
        YamlField mode = policy.get("mode");
        try {
            return valueOf(mode.string().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw mode.error("'" + mode.string() + "' is not an outbound traffic policy (supported: ALLOW_ANY, "
                    + "REGISTRY_ONLY)");
        }
    }
}
