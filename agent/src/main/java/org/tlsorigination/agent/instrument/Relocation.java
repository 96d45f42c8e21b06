package org.tlsorigination.agent.instrument;

import java.util.List;
import java.util.stream.Collectors;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;

/**
 * Where one copy of a library sits: under its own packages, or where a shading tool moved them, by adding a prefix
 * ({@code org.example.shaded.org.apache.http}, gRPC's {@code io.grpc.netty.shaded.io.netty}) or by replacing the
 * package ({@code com.acme.vendor.apachehttp}). A move is one package rewrite, {@code from} to {@code to}, derived
 * from one of the family's types as the copy names it: the packages below the library's root are kept, and so are
 * the trailing package names both sides share ({@code org.apache.hc} to {@code com.acme.hc} moves {@code org.apache}
 * to {@code com.acme}). The family's other roots move the same way; one that cannot ({@code okio} when {@code okhttp3}
 * became {@code com.acme.okhttp}) has no name in the copy, and a family that needs it there is not applied. A
 * relocated copy is the same family: its advice and helpers are rewritten to name the copy's types, the helpers placed
 * under {@code to}, so every copy in a class loader has helpers of its own.
 */
final class Relocation {
    static final Relocation NONE = new Relocation("", "", List.of());
    private static final String INJECTED = "/injected/";
    private static final String AGENT = "org/tlsorigination/agent/instrument/";

    /** Package prefixes, each empty or ending with a dot. */
    private final String from;
    private final String to;
    private final String internalFrom;
    private final String internalTo;
    private final List<String> internalRoots;

    private Relocation(String from, String to, List<String> roots) {
        this.from = from;
        this.to = to;
        this.internalFrom = from.replace('.', '/');
        this.internalTo = to.replace('.', '/');
        this.internalRoots = roots.stream().map(root -> root.replace('.', '/') + "/").collect(Collectors.toList());
    }

    /**
     * The copy in which {@code root}, one of the family's {@code roots}, is the package {@code movedRoot}; null where
     * no package rewrite moves it so, as when packages were dropped.
     */
    static Relocation of(String root, String movedRoot, List<String> roots) {
        String[] original = root.split("\\.");
        String[] moved = movedRoot.split("\\.");
        int shared = 0;
        while (shared < original.length && shared < moved.length
                && original[original.length - 1 - shared].equals(moved[moved.length - 1 - shared])) {
            shared++;
        }
        if (shared == moved.length) {
            return null;
        }
        return new Relocation(prefix(original, original.length - shared), prefix(moved, moved.length - shared), roots);
    }

    private static String prefix(String[] packages, int count) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < count; i++) {
            prefix.append(packages[i]).append('.');
        }
        return prefix.toString();
    }

    boolean isNone() {
        return from.equals(to);
    }

    /** Whether {@code typeName} is the library's, under one of its roots. */
    boolean isLibraryType(String typeName) {
        return underRoot(typeName.replace('.', '/'));
    }

    /** Whether the copy has a name for {@code typeName}: a JDK type, or one of the library's that moves. */
    boolean maps(String typeName) {
        return !isLibraryType(typeName) || typeName.startsWith(from);
    }

    /** The copy's name for a type the family names: a library type moves, a JDK type stays. */
    String typeName(String original) {
        if (isNone() || !underRoot(original.replace('.', '/'))) {
            return original;
        }
        if (!original.startsWith(from)) {
            throw new IllegalArgumentException(original + " has no name in the copy" + this);
        }
        return to + original.substring(from.length());
    }

    /** The copy's path for a resource of the library, such as its version file; null where it has none. */
    String resourcePath(String original) {
        if (isNone() || !underRoot(original)) {
            return original;
        }
        return original.startsWith(internalFrom) ? internalTo + original.substring(internalFrom.length()) : null;
    }

    /** The original's name for a type of the copy, which {@link #typeName} gave. */
    String originalName(String typeName) {
        return isNone() || !typeName.startsWith(to) ? typeName : from + typeName.substring(to.length());
    }

    /** The copy's name for a class of the agent's that is placed beside the library. */
    String helperName(String helper) {
        return to + helper;
    }

    /**
     * {@code classFile} with every name of the library and of the family's helpers as the copy has them; a name that
     * has none there is an {@link IllegalArgumentException}.
     */
    byte[] remap(byte[] classFile) {
        if (isNone()) {
            return classFile;
        }
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassRemapper(writer, new Remapper() {
            @Override
            public String map(String internalName) {
                if (internalName.startsWith(AGENT) && internalName.contains(INJECTED)) {
                    return internalTo + internalName;
                }
                return underRoot(internalName) ? typeName(internalName.replace('/', '.')).replace('.', '/')
                        : internalName;
            }
        }), 0);
        return writer.toByteArray();
    }

    private boolean underRoot(String internalName) {
        for (String root : internalRoots) {
            if (internalName.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Relocation)) {
            return false;
        }
        Relocation relocation = (Relocation) other;
        return relocation.from.equals(from) && relocation.to.equals(to);
    }

    @Override
    public int hashCode() {
        return from.hashCode() * 31 + to.hashCode();
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "";
        }
        return from.isEmpty() ? " relocated under " + to.substring(0, to.length() - 1)
                : " relocated from " + from.substring(0, from.length() - 1) + " to " + to.substring(0, to.length() - 1);
    }
}
