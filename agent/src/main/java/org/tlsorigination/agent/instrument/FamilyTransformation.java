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
        if (!family.isTriggeredBy(type.getName())) {
            return false;
        }
        ClientFamily.Generation generation = gate.generationFor(loader, protectionDomain);
        return generation != null && !generation.advisedOn(type.getName()).isEmpty();
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                                            JavaModule module, ProtectionDomain protectionDomain) {
        List<Hook> hooks = gate.generationFor(loader, protectionDomain).advisedOn(type.getName());
        AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice().include(adviceClassFiles);
        for (Hook hook : hooks) {
            advice = advice.advice(hook.method(), hook.advice());
        }
        return advice.transform(builder, type, loader, module, protectionDomain);
    }
}
