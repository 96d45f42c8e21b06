package org.tlsorigination.agent.config;

import java.util.ArrayList;
import java.util.List;

/** What {@code explain} shows of one decision of {@link RouteCompiler}: each resource that took part, in order. */
final class DecisionTrail {
    private final List<DecidingResource> resources = new ArrayList<>();

    /** The host's ServiceEntry does not declare the port; it may still be where a declared port's TLS goes. */
    void undeclaredPort(ServiceEntry entry, String pattern, int port) {
        HostPattern declared = entry.hosts().stream().filter(host -> host.name().equals(pattern)).findFirst()
                .orElseThrow();
        String target = "";
        for (int number : entry.portNumbers()) {
            if (number != port && entry.port(number).connectPort() == port) {
                target = ", where port " + number + " goes";
            }
        }
        resources.add(DecidingResource.of(entry.label(), declared.field(), "declares " + pattern + " but not port "
                + port + target));
    }

    /** Each resource as {@link RouteCompiler} met it deciding host:port; {@code route} and {@code rule} may be null. */
    void decided(ServiceEntry entry, VirtualService service, DestinationRule rule, String host, int port,
                 VirtualService.Rule route, int destination, TlsSettings tls) {
        ServiceEntry.Port declared = entry.port(port);
        resources.add(DecidingResource.of(entry.label(), declared.numberField(), "declares " + host + " port " + port
                + (declared.connectPort() == port ? "" : ", targetPort " + declared.connectPort())));
        if (route != null) {
            YamlField matched = route.matchPorts().getOrDefault(port, route.destinationPortField());
            resources.add(DecidingResource.of(service.label(), matched, destination == port ? "keeps port " + port
                    : "sends port " + port + " to port " + destination));
        }
        ServiceEntry.Port target = entry.port(destination);
        if (destination != port && target.connectPort() != destination) {
            resources.add(DecidingResource.of(entry.label(), target.targetPortField(), "sends port " + destination
                    + " to targetPort " + target.connectPort()));
        }
        if (rule != null) {
            YamlField where = tls != null ? tls.field()
                    : rule.portFields().getOrDefault(destination, rule.host().field());
            String mode = tls == null || !tls.originates() ? "no TLS"
                    : tls.profile().mutual() ? "TLS mode MUTUAL" : "TLS mode SIMPLE";
            resources.add(DecidingResource.of(rule.label(), where, "sets " + mode + " for port " + destination));
        }
    }

    List<DecidingResource> resources() {
        return resources;
    }
}
