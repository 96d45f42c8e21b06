package org.tlsorigination.agent.instrument;

import java.security.ProtectionDomain;
import java.util.List;

/**
 * The one way a family is wired into the agent: it picks the family's hooked types by name, in a class loader its
 * gate lets through, and names the hooks of the generation the gate chose there for {@link ClassRewriter} to
 * inline. A marker type only makes the gate look at its loader.
 */
final class FamilyTransformation {
    private final ClientFamily family;
    private final FamilyGate gate;

    FamilyTransformation(ClientFamily family, HelperInjector helpers) {
        this.family = family;
        this.gate = new FamilyGate(family, helpers);
    }

    /** The hooks with advice on {@code typeName} in {@code loader}; none where the gate keeps the family out. */
    List<Hook> advisedOn(String typeName, ClassLoader loader, ProtectionDomain domain) {
        if (!family.isTriggeredBy(typeName)) {
            return List.of();
        }
        ClientFamily.Generation generation = gate.generationFor(loader, domain);
        return generation == null ? List.of() : generation.advisedOn(typeName);
    }
}
