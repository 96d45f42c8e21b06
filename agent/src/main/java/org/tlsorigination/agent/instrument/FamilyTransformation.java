package org.tlsorigination.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;
import org.tlsorigination.agent.Log;

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

    /**
     * Byte Buddy's transformer for every one of {@code families}, not registered with the JVM:
     * {@link HookedTypesTransformer} hands it the hooked types only, so nothing else needs ignoring here.
     */
    static ClassFileTransformer byteBuddyTransformer(List<ClientFamily> families, HelperInjector helpers) {
        // Advice needs no Nexus; without it Byte Buddy never reaches for sun.misc.Unsafe, which JDK 24+ warns about.
        // The shaded jar relocates this name along with Byte Buddy, so it stays the agent's own.
        System.setProperty("net.bytebuddy.nexus.disabled", "true");
        AgentBuilder agent = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new LoggingListener())
                .ignore(ElementMatchers.none());
        for (ClientFamily family : families) {
            FamilyTransformation transformation = new FamilyTransformation(family, helpers);
            agent = agent.type(transformation).transform(transformation);
        }
        return agent.makeRaw();
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

    /** The agent's own failures are logged once and never break the class being loaded. */
    private static final class LoggingListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            Log.debug("instrumented " + type.getName());
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            Log.warn("cannot instrument " + typeName + ": " + throwable);
        }
    }
}
