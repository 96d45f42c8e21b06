package org.tlsorigination.agent.instrument;

import java.security.ProtectionDomain;
import java.util.List;

/**
 * The one way a family is wired into the agent: it picks the family's hooked types by name, in the copy of its
 * library (the original, or one a shading tool moved) that its gate lets through in a class loader, and names the
 * hooks of the generation the gate chose there for {@link ClassRewriter} to inline. A marker type only makes the gate
 * look at its loader.
 */
final class FamilyTransformation {
    private final ClientFamily family;
    private final FamilyGate gate;

    FamilyTransformation(ClientFamily family, HelperInjector helpers) {
        this.family = family;
        this.gate = new FamilyGate(family, helpers);
    }

    /** The hooks with advice on {@code typeName} in {@code loader}; none where the gate keeps the family out. */
    Advised advisedOn(String typeName, ClassLoader loader, ProtectionDomain domain) {
        Relocation relocation = family.relocationOf(typeName);
        if (relocation == null) {
            return Advised.NOTHING;
        }
        ClientFamily.Generation generation = gate.generationFor(loader, relocation, domain);
        return generation == null ? Advised.NOTHING
                : new Advised(generation.advisedOn(relocation.originalName(typeName)), relocation);
    }

    /** The hooks to inline in one type, and the copy of the library they are in. */
    static final class Advised {
        static final Advised NOTHING = new Advised(List.of(), Relocation.NONE);

        final List<Hook> hooks;
        final Relocation relocation;

        Advised(List<Hook> hooks, Relocation relocation) {
            this.hooks = hooks;
            this.relocation = relocation;
        }
    }
}
