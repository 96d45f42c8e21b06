package org.tlsorigination.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Places a family's helper classes in the class loader of the library they serve, before the first class the family
 * rewrites there is defined, so that advice inlined into the library can call them and they can use the library's
 * types; and the facade in the boot loader. A class is defined once per loader, from the class file in the agent jar.
 */
public final class HelperInjector {
    private static final String DEFINER = "org.tlsorigination.agent.definer.ClassDefiner";

    private final MethodHandle define;
    /** Weak keys: a loader that placed helpers must still be collectable. */
    private final Map<ClassLoader, Set<String>> placed = Collections.synchronizedMap(new WeakHashMap<>());

    private HelperInjector(MethodHandle define) {
        this.define = define;
    }

    /**
     * Loads the definer in a class loader of the agent's own and opens {@code java.lang} to that loader's module
     * only; the agent's jar sits on the app's class path, so opening it to the agent's module would open it to the
     * app as well.
     */
    public static HelperInjector create(Instrumentation instrumentation) throws ReflectiveOperationException, IOException {
        IsolatedLoader isolated = new IsolatedLoader();
        Class<?> definer = isolated.define(DEFINER, classFile(DEFINER));
        instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
                Map.of("java.lang", Set.of(isolated.getUnnamedModule())), Set.of(), Map.of());
        MethodHandle define = MethodHandles.publicLookup().findVirtual(definer, "define", MethodType.methodType(
                Class.class, ClassLoader.class, String.class, byte[].class, ProtectionDomain.class));
        return new HelperInjector(define.bindTo(definer.getConstructor().newInstance()));
    }

    /** Defines each of {@code helpers}, as the copy {@code relocation} names them, in {@code loader} if not there yet. */
    void place(List<String> helpers, ClassLoader loader, ProtectionDomain domain, Relocation relocation) {
        if (loader == null) {
            throw new IllegalStateException("helpers are for libraries, not for the boot class loader");
        }
        Set<String> there = placed.computeIfAbsent(loader, l -> Collections.synchronizedSet(new HashSet<>()));
        for (String helper : helpers) {
            String name = relocation.helperName(helper);
            if (!there.contains(name)) {
                try {
                    define.invoke(loader, name, relocation.remap(classFile(helper)), domain);
                } catch (Throwable e) {
                    throw new IllegalStateException("cannot place " + name + " in " + loader + ": " + e, e);
                }
                there.add(name);
            }
        }
    }

    /** Defines each of {@code classNames} in the boot loader, where every other loader finds it first. */
    public void defineInBootLoader(List<String> classNames) throws IOException {
        for (String className : classNames) {
            try {
                define.invoke(null, className, classFile(className), null);
            } catch (Throwable e) {
                throw new IOException("cannot define " + className + " in the boot class loader: " + e, e);
            }
        }
    }

    /**
     * The class file of one of the agent's classes, read straight from where its classes come from: its jar, or a
     * folder of the build. Asking the class loader for it as a resource would go through a {@code jar:} URL per file,
     * whose machinery costs the start about as much as defining the facade itself.
     */
    static byte[] classFile(String className) throws IOException {
        String resource = className.replace('.', '/') + ".class";
        ClassFiles source = ClassFiles.INSTANCE;
        if (source.jar != null) {
            ZipEntry entry = source.jar.getEntry(resource);
            if (entry == null) {
                throw new IOException("the agent jar lacks " + resource);
            }
            try (InputStream in = source.jar.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
        Path file = source.folder.resolve(resource);
        if (!Files.isRegularFile(file)) {
            throw new IOException("the agent's classes in " + source.folder + " lack " + resource);
        }
        return Files.readAllBytes(file);
    }

    /** The agent's own loader for the definer: no parent but the boot loader, and no classes but the definer. */
    private static final class IsolatedLoader extends ClassLoader {
        IsolatedLoader() {
            super("tls-origination-definer", null);
        }

        /** With the agent's own protection domain, so a security manager grants the definer what it grants the agent. */
        Class<?> define(String name, byte[] classFile) {
            return defineClass(name, classFile, 0, classFile.length, HelperInjector.class.getProtectionDomain());
        }
    }

    /** Opened on first use and kept for the JVM's life, as the class loader keeps the same jar open. */
    private static final class ClassFiles {
        static final ClassFiles INSTANCE = new ClassFiles();

        final ZipFile jar;
        final Path folder;

        private ClassFiles() {
            CodeSource code = HelperInjector.class.getProtectionDomain().getCodeSource();
            Path path;
            try {
                path = Path.of(code.getLocation().toURI());
            } catch (URISyntaxException | RuntimeException e) {
                throw new IllegalStateException("cannot tell where the agent's classes are: " + code, e);
            }
            ZipFile opened = null;
            if (!Files.isDirectory(path)) {
                try {
                    opened = new ZipFile(path.toFile());
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read the agent jar " + path + ": " + e, e);
                }
            }
            jar = opened;
            folder = path;
        }
    }
}
