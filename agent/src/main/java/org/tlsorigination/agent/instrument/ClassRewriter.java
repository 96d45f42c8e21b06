package org.tlsorigination.agent.instrument;

import java.io.IOException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.VisibilityBridgeStrategy;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;
import org.tlsorigination.agent.Log;

/**
 * Inlines the families' advice into a hooked type's class file, with Byte Buddy alone: no field, method or class is
 * added, so a loaded class can be rewritten as well. Byte Buddy's {@code AgentBuilder} would do the same but first
 * generates a class of its own and loads several hundred more, on the app's first connection.
 */
final class ClassRewriter {
    private final List<FamilyTransformation> families = new ArrayList<>();
    private final ByteBuddy byteBuddy;
    private final ClassFileLocator adviceClassFiles;

    ClassRewriter(List<ClientFamily> families, HelperInjector helpers) {
        for (ClientFamily family : families) {
            this.families.add(new FamilyTransformation(family, helpers));
        }
        byteBuddy = new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(Implementation.Context.Disabled.Factory.INSTANCE)
                .with(InstrumentedType.Factory.Default.FROZEN)
                .with(VisibilityBridgeStrategy.Default.NEVER)
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);
        adviceClassFiles = ClassFileLocator.ForClassLoader.of(ClassRewriter.class.getClassLoader());
    }

    /**
     * The class file with the advice of every hook that applies in {@code loader}, or null to leave it as it is. The
     * agent's own failure is logged and leaves the class alone, never breaking it.
     */
    byte[] rewrite(ClassLoader loader, String internalName, ProtectionDomain domain, byte[] classFile) {
        String typeName = internalName.replace('/', '.');
        List<Hook> hooks = new ArrayList<>();
        // A type's name tells which copy of a library it is in: the families that hook it agree on its relocation.
        Relocation relocation = Relocation.NONE;
        for (FamilyTransformation family : families) {
            FamilyTransformation.Advised advised = family.advisedOn(typeName, loader, domain);
            hooks.addAll(advised.hooks);
            relocation = advised.hooks.isEmpty() ? relocation : advised.relocation;
        }
        if (hooks.isEmpty()) {
            return null;
        }
        try {
            // The advice and the facade as the agent's jar has them (remapped for a relocated copy), before the
            // loader, which may see the agent's jar too; the library's types as its own loader has them: the library
            // may sit in a loader that does not delegate to the agent's.
            ClassFileLocator classFiles = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(typeName, classFile),
                    relocation.isNone() ? adviceClassFiles : new RelocatedClassFiles(adviceClassFiles, relocation),
                    ClassFileLocator.ForClassLoader.of(loader));
            TypePool types = TypePool.Default.WithLazyResolution.of(classFiles);
            DynamicType.Builder<?> builder = byteBuddy.decorate(types.describe(typeName).resolve(), classFiles);
            for (Hook hook : hooks) {
                builder = builder.visit(Advice.to(types.describe(hook.advice()).resolve(), classFiles)
                        .on(hook.method(relocation)));
            }
            byte[] rewritten = builder.make(types).getBytes();
            Log.debug("instrumented " + typeName);
            return rewritten;
        } catch (RuntimeException | LinkageError e) {
            Log.warn("cannot instrument " + typeName + ": " + e);
            return null;
        }
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
