package org.tlsorigination.agent.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tlsorigination.agent.route.Decision;
import org.tlsorigination.agent.route.TlsProfile;

/**
 * One of each thing the compiler would otherwise make many of: equal TLS settings are one profile (within
 * {@link RulesLimits#TLS_PROFILES}), equal routes one decision, and DestinationRules that decide alike one outcome.
 */
final class TlsDecisions {
    private final Map<TlsSettings, Integer> profileOfSettings = new IdentityHashMap<>();
    private final Map<TlsProfile, Integer> profileIndex = new HashMap<>();
    private final List<TlsProfile> profiles = new ArrayList<>();
    /** Keyed by profile index and connect port. */
    private final Map<Long, Decision> decisions = new HashMap<>();
    private final Map<DestinationRule, Object> outcomes = new IdentityHashMap<>();

    Decision originate(int connect, TlsSettings tls) throws ConfigException {
        int index = profileIndex(tls);
        TlsProfile profile = profiles.get(index);
        return decisions.computeIfAbsent((long) index << 16 | connect, k -> Decision.originate(connect, profile));
    }

    /** Equal settings are one profile, numbered in the order they first appear. */
    private int profileIndex(TlsSettings tls) throws ConfigException {
        Integer index = profileOfSettings.get(tls);
        if (index == null) {
            index = profileIndex.get(tls.profile());
            if (index == null) {
                if (profiles.size() == RulesLimits.TLS_PROFILES) {
                    throw tls.field().error("the file has more than " + RulesLimits.TLS_PROFILES + " distinct TLS "
                            + "settings; routes with equal settings share one, so make more of them alike");
                }
                index = profiles.size();
                profiles.add(tls.profile());
                profileIndex.put(tls.profile(), index);
            }
            profileOfSettings.put(tls, index);
        }
        return index;
    }

    /**
     * What a DestinationRule decides, as a value: rules with the same TLS settings, host-wide and port by port,
     * decide every connection alike, so the hosts they serve can share a table.
     */
    Object outcome(DestinationRule rule) throws ConfigException {
        Object outcome = outcomes.get(rule);
        if (outcome == null) {
            Map<Integer, Object> ports = new HashMap<>();
            for (Map.Entry<Integer, TlsSettings> port : rule.portTls().entrySet()) {
                ports.put(port.getKey(), tlsOutcome(port.getValue()));
            }
            outcome = Arrays.asList(tlsOutcome(rule.hostTls()), ports);
            outcomes.put(rule, outcome);
        }
        return outcome;
    }

    private Object tlsOutcome(TlsSettings tls) throws ConfigException {
        return tls == null || !tls.originates() ? "no TLS" : profileIndex(tls);
    }
}
