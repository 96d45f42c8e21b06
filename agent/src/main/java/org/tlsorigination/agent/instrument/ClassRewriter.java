package org.tlsorigination.agent.instrument;

import java.io.IOException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;
import org.tlsorigination.agent.Log;

/**
 * Inlines the families' advice into a hooked type's class file: Byte Buddy's {@link Advice} as an ASM visitor between
 * a reader and a writer of the class file, and nothing else of Byte Buddy, so no field, method or class is added and
 * a loaded class can be rewritten as well. Byte Buddy's {@code AgentBuilder}, or its type builders, would do the same
 * but load several hundred classes more, on the app's first connection.
 */
final class ClassRewriter {
    private final List<FamilyTransformation> families = new ArrayList<>();
    private final ClassFileLocator adviceClassFiles;

    ClassRewriter(List<ClientFamily> families, HelperInjector helpers) {
        for (ClientFamily family : families) {
            this.families.add(new FamilyTransformation(family, helpers));
        }
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
            TypeDescription type = types.describe(typeName).resolve();
            AsmVisitorWrapper.ForDeclaredMethods advice = new AsmVisitorWrapper.ForDeclaredMethods();
            for (Hook hook : hooks) {
                advice = advice.invokable(hook.method(relocation),
                        Advice.to(types.describe(hook.advice()).resolve(), classFiles));
            }
            byte[] rewritten = inline(advice, type, types, classFile);
            Log.debug("instrumented " + typeName);
            return rewritten;
        } catch (RuntimeException | LinkageError e) {
            Log.warn("cannot instrument " + typeName + ": " + e);
            return null;
        }
    }

    /** The class file passed through the advice, its constant pool kept, as Byte Buddy's own rewrites do it. */
    private static byte[] inline(AsmVisitorWrapper advice, TypeDescription type, TypePool types, byte[] classFile) {
        ClassReader reader = OpenedClassReader.of(classFile);
        int writerFlags = advice.mergeWriter(AsmVisitorWrapper.NO_FLAGS);
        int readerFlags = advice.mergeReader(AsmVisitorWrapper.NO_FLAGS);
        ClassWriter writer = new ClassWriter(reader, writerFlags);
        ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
        Implementation.Context.FrameGeneration frames = (writerFlags & ClassWriter.COMPUTE_FRAMES) != 0
                || !version.isAtLeast(ClassFileVersion.JAVA_V6) ? Implementation.Context.FrameGeneration.DISABLED
                : (readerFlags & ClassReader.EXPAND_FRAMES) != 0 ? Implementation.Context.FrameGeneration.EXPAND
                : Implementation.Context.FrameGeneration.GENERATE;
        reader.accept(advice.wrap(type, writer, new NothingAdded(type, version, frames), types,
                type.getDeclaredFields(), type.getDeclaredMethods(), writerFlags, readerFlags), readerFlags);
        return writer.toByteArray();
    }

    /** The context of a rewrite that may add no method, field or class: advice that would is refused. */
    private static final class NothingAdded extends Implementation.Context.Disabled {
        NothingAdded(TypeDescription type, ClassFileVersion version, FrameGeneration frames) {
            super(type, version, frames);
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
