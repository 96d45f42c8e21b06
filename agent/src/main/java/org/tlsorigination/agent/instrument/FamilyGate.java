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
    private final Map<ClassLoader, Optional<ClientFamily.Generation>> decided =
            Collections.synchronizedMap(new WeakHashMap<>());
    private volatile Optional<ClientFamily.Generation> decidedForBootLoader;

    FamilyGate(ClientFamily family, HelperInjector helpers) {
        this.family = family;
        this.helpers = helpers;
    }

    /**
     * The generation to apply in {@code loader} (null: the boot loader), or null to apply nothing there. Once a
     * generation fits, the family's helpers are placed in the loader, with {@code domain}, before any rewrite: a
     * family whose helpers cannot be placed is not applied at all.
     */
    ClientFamily.Generation generationFor(ClassLoader loader, ProtectionDomain domain) {
        Optional<ClientFamily.Generation> generation = loader == null ? decidedForBootLoader : decided.get(loader);
        if (generation == null) {
            // Decided outside the lock: reading class files may load JDK classes, which asks this gate again.
            generation = decide(loader, domain);
            if (loader == null) {
                decidedForBootLoader = generation;
            } else {
                Optional<ClientFamily.Generation> first = decided.putIfAbsent(loader, generation);
                generation = first != null ? first : generation;
            }
        }
        return generation.orElse(null);
    }

    private Optional<ClientFamily.Generation> decide(ClassLoader loader, ProtectionDomain domain) {
        List<Hook> fewestMissing = null;
        try (ClassFileLocator classFiles = ClassFileLocator.ForClassLoader.of(loader)) {
            TypePool types = TypePool.Default.WithLazyResolution.of(classFiles);
            for (ClientFamily.Generation generation : family.generations()) {
                List<Hook> missing = missing(types, generation);
                if (missing.isEmpty()) {
                    if (!family.helpers().isEmpty()) {
                        helpers.place(family.helpers(), loader, domain);
                    }
                    Log.debug(found(loader) + ": rewriting " + family + " (" + generation.versions() + ")");
                    return Optional.of(generation);
                }
                if (fewestMissing == null || missing.size() < fewestMissing.size()) {
                    fewestMissing = missing;
                }
            }
        } catch (IOException | RuntimeException e) {
            Log.warn("cannot rewrite " + found(loader) + ": " + e);
            return Optional.empty();
        }
        Log.warn(found(loader) + " cannot be instrumented: it lacks " + describe(fewestMissing)
                + "; its plain-text requests are not originated");
        return Optional.empty();
    }

    private static List<Hook> missing(TypePool types, ClientFamily.Generation generation) {
        List<Hook> missing = new ArrayList<>();
        for (Hook hook : generation.hooks()) {
            TypePool.Resolution type = types.describe(hook.typeName());
            boolean present = type.isResolved()
                    ? !type.resolve().getDeclaredMethods().filter(hook.method()).isEmpty()
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
    private String found(ClassLoader loader) {
        String version = family.library().equals(ClientFamily.JDK) ? Runtime.version().toString() : version(loader);
        return family.library() + " " + version + " in " + (loader == null ? "the boot class loader" : loader);
    }

    /** From the library's version file, else from the manifest of the jar that holds its first hooked type. */
    private String version(ClassLoader loader) {
        String resource = family.versionResource();
        try (InputStream in = loader == null || resource == null ? null : loader.getResourceAsStream(resource)) {
            if (in != null) {
                Properties info = new Properties();
                info.load(in);
                return info.getProperty("info.release", info.getProperty("version", UNKNOWN_VERSION)).trim();
            }
            String manifestVersion = loader == null ? null : manifestVersion(loader);
            return manifestVersion != null ? manifestVersion : UNKNOWN_VERSION;
        } catch (IOException | IllegalArgumentException e) {
            return UNKNOWN_VERSION; // an unreadable version file only costs the warning its version number
        }
    }

    private String manifestVersion(ClassLoader loader) throws IOException {
        String typeName = family.generations().get(0).hooks().get(0).typeName();
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
