package org.tlsorigination.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.tlsorigination.agent.Log;

/**
 * Decides, once per class loader and before any of its rewrites is applied there, which generation of a family that
 * loader's copy of the library gets: the first whose hooks are all present, read from class files without loading a
 * class. When none fits, nothing of the family is applied in that loader, and one warning names the library, its
 * version and what it lacks; the plain-connect guard then covers its connections.
 */
final class FamilyGate {
    private static final String UNKNOWN_VERSION = "(version unknown)";

    private final ClientFamily family;
    private final HelperInjector helpers;
    /** Weak keys: deciding for a class loader must not keep it from being collected. */
    private final Map<ClassLoader, Map<Relocation, Optional<ClientFamily.Generation>>> decided =
            Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<Relocation, Optional<ClientFamily.Generation>> decidedForBootLoader = new ConcurrentHashMap<>();

    FamilyGate(ClientFamily family, HelperInjector helpers) {
        this.family = family;
        this.helpers = helpers;
    }

    /**
     * The generation to apply to the copy of the library that {@code relocation} places in {@code loader} (null: the
     * boot loader), or null to apply nothing to it there. Once a generation fits, the family's helpers are placed in
     * the loader, with {@code domain}, before any rewrite: a family whose helpers cannot be placed is not applied.
     */
    ClientFamily.Generation generationFor(ClassLoader loader, Relocation relocation, ProtectionDomain domain) {
        Map<Relocation, Optional<ClientFamily.Generation>> copies = loader == null ? decidedForBootLoader
                : decided.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
        Optional<ClientFamily.Generation> generation = copies.get(relocation);
        if (generation == null) {
            // Decided outside any lock: reading class files may load JDK classes, which asks this gate again.
            generation = decide(loader, relocation, domain);
            Optional<ClientFamily.Generation> first = copies.putIfAbsent(relocation, generation);
            generation = first != null ? first : generation;
        }
        return generation.orElse(null);
    }

    private Optional<ClientFamily.Generation> decide(ClassLoader loader, Relocation relocation,
                                                     ProtectionDomain domain) {
        List<Hook> fewestMissing = null;
        try (ClassFileLocator classFiles = ClassFileLocator.ForClassLoader.of(loader)) {
            TypePool types = TypePool.Default.WithLazyResolution.of(classFiles);
            if (!relocation.isNone() && !isCopy(types, relocation)) {
                Log.debug(found(loader, relocation) + " is not a copy of the library: its neighbours are missing");
                return Optional.empty();
            }
            for (ClientFamily.Generation generation : family.generations()) {
                List<Hook> missing = missing(types, generation, relocation);
                if (missing.isEmpty()) {
                    requireMovableAdvice(generation, relocation);
                    List<String> needed = new ArrayList<>(family.helpers());
                    needed.addAll(generation.helpers());
                    if (!needed.isEmpty()) {
                        helpers.place(needed, loader, domain, relocation);
                    }
                    Log.debug(found(loader, relocation) + ": rewriting " + family + " (" + generation.versions() + ")");
                    return Optional.of(generation);
                }
                if (fewestMissing == null || missing.size() < fewestMissing.size()) {
                    fewestMissing = missing;
                }
            }
        } catch (IOException | RuntimeException e) {
            Log.warn("cannot rewrite " + found(loader, relocation) + ": " + e);
            return Optional.empty();
        }
        Log.warn(found(loader, relocation) + " cannot be instrumented: it lacks " + describe(fewestMissing)
                + "; its plain-text requests are not originated");
        return Optional.empty();
    }

    /**
     * Whether the library's neighbours of a type that may be a relocated copy's are there, moved the same way: the
     * family's markers, and for one generation its required hooked types with the library types their methods take.
     * A class that only shares a hooked type's simple name and the packages below the root has none of them.
     */
    private boolean isCopy(TypePool types, Relocation relocation) {
        for (String marker : family.markers()) {
            if (!isPresent(types, relocation, marker)) {
                return false;
            }
        }
        for (ClientFamily.Generation generation : family.generations()) {
            if (generation.hooks().stream().allMatch(hook -> hook.optional() || hook.typeNames().stream()
                    .allMatch(name -> !relocation.isLibraryType(name) || isPresent(types, relocation, name)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPresent(TypePool types, Relocation relocation, String typeName) {
        return relocation.maps(typeName) && types.describe(relocation.typeName(typeName)).isResolved();
    }

    /** Moves the generation's advice to the copy before any of it is applied: a name with no place there stops all. */
    private static void requireMovableAdvice(ClientFamily.Generation generation, Relocation relocation)
            throws IOException {
        if (relocation.isNone()) {
            return;
        }
        for (Hook hook : generation.hooks()) {
            if (hook.advice() != null) {
                relocation.remap(HelperInjector.classFile(hook.advice()));
            }
        }
    }

    private static List<Hook> missing(TypePool types, ClientFamily.Generation generation, Relocation relocation) {
        List<Hook> missing = new ArrayList<>();
        for (Hook hook : generation.hooks()) {
            if (!hook.typeNames().stream().allMatch(relocation::maps)) {
                missing.add(hook);
                continue;
            }
            TypePool.Resolution type = types.describe(relocation.typeName(hook.typeName()));
            boolean present = type.isResolved()
                    ? !type.resolve().getDeclaredMethods().filter(hook.method(relocation)).isEmpty()
                    : hook.optional();
            if (!present) {
                missing.add(hook);
            }
        }
        return missing;
    }

    private static String describe(List<Hook> hooks) {
        List<String> names = new ArrayList<>();
        for (Hook hook : hooks) {
            names.add(hook.toString());
        }
        return String.join(", ", names);
    }

    /** The library, its version and where it was found, as a warning names them. */
    private String found(ClassLoader loader, Relocation relocation) {
        String version = family.library().equals(ClientFamily.JDK) ? Runtime.version().toString()
                : version(loader, relocation);
        return family.library() + " " + version + relocation + " in "
                + (loader == null ? "the boot class loader" : loader);
    }

    /** From the library's version file, else from the manifest of the jar that holds its first hooked type. */
    private String version(ClassLoader loader, Relocation relocation) {
        String resource = versionResource(loader, relocation);
        try (InputStream in = resource == null ? null : loader.getResourceAsStream(resource)) {
            if (in != null) {
                Properties info = new Properties();
                info.load(in);
                return info.getProperty("info.release", info.getProperty("version", UNKNOWN_VERSION)).trim();
            }
            String manifestVersion = loader == null ? null : manifestVersion(loader, relocation);
            return manifestVersion != null ? manifestVersion : UNKNOWN_VERSION;
        } catch (IOException | IllegalArgumentException e) {
            return UNKNOWN_VERSION; // an unreadable version file only costs the warning its version number
        }
    }

    /** A shading tool may move the version file with the classes, or leave it where it was. */
    private String versionResource(ClassLoader loader, Relocation relocation) {
        String resource = family.versionResource();
        if (loader == null || resource == null) {
            return null;
        }
        String moved = relocation.resourcePath(resource);
        return moved != null && loader.getResource(moved) != null ? moved : resource;
    }

    private String manifestVersion(ClassLoader loader, Relocation relocation) throws IOException {
        String typeName = relocation.typeName(family.generations().get(0).hooks().get(0).typeName());
        URL classFile = loader.getResource(typeName.replace('.', '/') + ".class");
        if (classFile == null || !"jar".equals(classFile.getProtocol())) {
            return null;
        }
        JarURLConnection jar = (JarURLConnection) classFile.openConnection();
        jar.setUseCaches(false);
        try (JarFile file = jar.getJarFile()) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return null;
            }
            Attributes main = manifest.getMainAttributes();
            String version = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            return version != null ? version : main.getValue("Bundle-Version");
        }
    }
}
