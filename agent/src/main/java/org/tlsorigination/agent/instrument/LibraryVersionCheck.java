package org.tlsorigination.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;
import org.tlsorigination.agent.Log;

/**
 * When a class loader first loads a library's marker type, checks that loader for the family's hooks, naming the
 * library and its version in what it logs. Only class files are read; no class of the library is loaded by it.
 */
abstract class LibraryVersionCheck extends AgentBuilder.Listener.Adapter {
    /** Said of a library that cannot be instrumented: why that matters to its user. */
    static final String CONSEQUENCE = "; its plain-text requests are not originated";

    private final String library;
    private final String markerType;
    private final String versionResource;

    /**
     * @param versionResource the library's {@code version.properties} (Apache's {@code VersionInfo} format) or its
     *     Maven {@code pom.properties}, or null for a library that ships none
     */
    LibraryVersionCheck(String library, String markerType, String versionResource) {
        this.library = library;
        this.markerType = markerType;
        this.versionResource = versionResource;
    }

    @Override
    public final void onDiscovery(String typeName, ClassLoader loader, JavaModule module, boolean loaded) {
        if (typeName.equals(markerType)) {
            try {
                check(TypePool.Default.WithLazyResolution.of(ClassFileLocator.ForClassLoader.of(loader)),
                        library + " " + version(loader) + " in " + loader);
            } catch (RuntimeException e) {
                Log.warn("cannot check " + library + " in " + loader + ": " + e);
            }
        }
    }

    /** Logs what {@code types} offer, as {@code found}: the library, its version and its loader. */
    abstract void check(TypePool types, String found);

    static boolean declares(TypePool types, Hook hook) {
        TypePool.Resolution type = types.describe(hook.typeName());
        return type.isResolved() && !type.resolve().getDeclaredMethods().filter(hook.method()).isEmpty();
    }

    private String version(ClassLoader loader) {
        try (InputStream in = loader == null || versionResource == null ? null
                : loader.getResourceAsStream(versionResource)) {
            if (in != null) {
                Properties info = new Properties();
                info.load(in);
                return info.getProperty("info.release", info.getProperty("version", "(version unknown)")).trim();
            }
        } catch (IOException | IllegalArgumentException e) {
            // an unreadable version file only costs the warning its version number
        }
        return "(version unknown)";
    }
}
