package org.tlsorigination.agent.instrument;

import java.util.List;
import java.util.stream.Collectors;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;

/**
 * Where one copy of a library sits: under its own packages, or under a prefix a shading tool put before them
 * ({@code org.example.shaded.org.apache.http}, gRPC's {@code io.grpc.netty.shaded.io.netty}). A relocated copy is
 * the same family: its hooks are looked for under the prefix, and the family's advice and helpers are rewritten to
 * name the copy's types, the helpers under the same prefix, so every copy in a class loader has helpers of its own.
 */
final class Relocation {
    static final Relocation NONE = new Relocation("", List.of());
    private static final String INJECTED = "/injected/";
    private static final String AGENT = "org/tlsorigination/agent/instrument/";

    private final String prefix;
    private final String internalPrefix;
    private final List<String> internalRoots;

    private Relocation(String prefix, List<String> roots) {
        this.prefix = prefix;
        this.internalPrefix = prefix.replace('.', '/');
        this.internalRoots = roots.stream().map(root -> root.replace('.', '/') + "/").collect(Collectors.toList());
    }

    /** The copy whose types are {@code roots} under {@code prefix}, which ends with a dot. */
    static Relocation under(String prefix, List<String> roots) {
        return prefix.isEmpty() ? NONE : new Relocation(prefix, roots);
    }

    boolean isNone() {
        return prefix.isEmpty();
    }

    /** The prefix before the library's own package names; empty for the original. */
    String prefix() {
        return prefix;
    }

    /** The copy's name for a type the family names: a library type moves, a JDK type stays. */
    String typeName(String original) {
        return isNone() || !movesInternal(original.replace('.', '/')) ? original : prefix + original;
    }

    /** The copy's name for a class of the agent's that is placed beside the library. */
    String helperName(String helper) {
        return prefix + helper;
    }

    /** {@code classFile} with every name of the library and of the family's helpers moved under the prefix. */
    byte[] remap(byte[] classFile) {
        if (isNone()) {
            return classFile;
        }
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassRemapper(writer, new Remapper() {
            @Override
            public String map(String internalName) {
                return movesInternal(internalName) ? internalPrefix + internalName : internalName;
            }
        }), 0);
        return writer.toByteArray();
    }

    private boolean movesInternal(String internalName) {
        if (internalName.startsWith(AGENT) && internalName.contains(INJECTED)) {
            return true;
        }
        for (String root : internalRoots) {
            if (internalName.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Relocation && ((Relocation) other).prefix.equals(prefix);
    }

    @Override
    public int hashCode() {
        return prefix.hashCode();
    }

    @Override
    public String toString() {
        return isNone() ? "" : " relocated under " + prefix.substring(0, prefix.length() - 1);
    }
}
