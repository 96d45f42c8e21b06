package org.tlsorigination.agent.instrument;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * The one way a family is wired into the agent: its matcher picks the family's hooked types by name, in a class
 * loader its gate lets through, and its transformer inlines the advice of the generation the gate chose there. A
 * marker type only makes the gate look at its loader.
 */
public final class FamilyTransformation implements AgentBuilder.RawMatcher, AgentBuilder.Transformer {
    private final ClientFamily family;
    private final FamilyGate gate;
    private final ClassFileLocator adviceClassFiles;

    private FamilyTransformation(ClientFamily family, HelperInjector helpers) {
        this.family = family;
        this.gate = new FamilyGate(family, helpers);
        this.adviceClassFiles = ClassFileLocator.ForClassLoader.of(FamilyTransformation.class.getClassLoader());
    }

    /** Adds every one of {@code families} to {@code agent}, with what their helpers need to be placed. */
    public static AgentBuilder addAll(AgentBuilder agent, List<ClientFamily> families, Instrumentation instrumentation)
            throws ReflectiveOperationException, IOException {
        HelperInjector helpers = HelperInjector.create(instrumentation);
        for (ClientFamily family : families) {
            FamilyTransformation transformation = new FamilyTransformation(family, helpers);
            agent = agent.type(transformation).transform(transformation);
        }
        return agent;
    }

    @Override
    public boolean matches(TypeDescription type, ClassLoader loader, JavaModule module, Class<?> classBeingRedefined,
                           ProtectionDomain protectionDomain) {
        Relocation relocation = family.relocationOf(type.getName());
        if (relocation == null) {
            return false;
        }
        ClientFamily.Generation generation = gate.generationFor(loader, relocation, protectionDomain);
        return generation != null && !generation.advisedOn(original(type, relocation)).isEmpty();
    }

    /** Inlines the chosen generation's advice, rewritten to name the copy's types where the copy is relocated. */
    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                                            JavaModule module, ProtectionDomain protectionDomain) {
        Relocation relocation = family.relocationOf(type.getName());
        List<Hook> hooks = gate.generationFor(loader, relocation, protectionDomain)
                .advisedOn(original(type, relocation));
        AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice()
                .include(relocation.isNone() ? adviceClassFiles : new RelocatedClassFiles(adviceClassFiles, relocation));
        for (Hook hook : hooks) {
            advice = advice.advice(hook.method(relocation), hook.advice());
        }
        return advice.transform(builder, type, loader, module, protectionDomain);
    }

    private static String original(TypeDescription type, Relocation relocation) {
        return type.getName().substring(relocation.prefix().length());
    }

    /** The agent's advice classes as a relocated copy needs them, their library names moved under its prefix. */
    private static final class RelocatedClassFiles implements ClassFileLocator {
        private final ClassFileLocator agent;
        private final Relocation relocation;

        RelocatedClassFiles(ClassFileLocator agent, Relocation relocation) {
            this.agent = agent;
            this.relocation = relocation;
        }

        @Override
        public Resolution locate(String name) throws IOException {
            Resolution resolution = agent.locate(name);
            return resolution.isResolved() ? new Resolution.Explicit(relocation.remap(resolution.resolve()))
                    : resolution;
        }

        @Override
        public void close() throws IOException {
            agent.close();
        }
    }
}
