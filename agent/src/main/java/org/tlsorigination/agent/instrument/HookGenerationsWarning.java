package org.tlsorigination.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;
import org.tlsorigination.agent.Log;

/**
 * For a library whose lines connect in different places: when a class loader first loads the marker type, warns,
 * naming the library and its version, unless that loader has every hook of at least one generation. Only class
 * files are read for the check; no class of the library is loaded by it.
 */
public final class HookGenerationsWarning extends AgentBuilder.Listener.Adapter {
    private final String library;
    private final String markerType;
    private final String versionResource;
    private final List<List<Hook>> generations;

    /** @param versionResource the library's {@code version.properties} (Apache's {@code VersionInfo} format) */
    public HookGenerationsWarning(String library, String markerType, String versionResource,
                                  List<List<Hook>> generations) {
        this.library = library;
        this.markerType = markerType;
        this.versionResource = versionResource;
        this.generations = generations;
    }

    @Override
    public void onDiscovery(String typeName, ClassLoader loader, JavaModule module, boolean loaded) {
        if (typeName.equals(markerType)) {
            try {
                check(loader);
            } catch (RuntimeException e) {
                Log.warn("cannot check " + library + " in " + loader + " for " + generations + ": " + e);
            }
        }
    }

    private void check(ClassLoader loader) {
        TypePool types = TypePool.Default.WithLazyResolution.of(ClassFileLocator.ForClassLoader.of(loader));
        String found = library + " " + version(loader) + " in " + loader;
        for (List<Hook> generation : generations) {
            if (generation.stream().allMatch(hook -> declares(types, hook))) {
                Log.debug(found + ": instrumenting " + generation);
                return;
            }
        }
        Log.warn(found + " cannot be instrumented: it has none of " + generations
                + "; its plain-text requests go out without TLS origination");
    }

    private static boolean declares(TypePool types, Hook hook) {
        TypePool.Resolution type = types.describe(hook.typeName());
        return type.isResolved() && !type.resolve().getDeclaredMethods().filter(hook.method()).isEmpty();
    }

    private String version(ClassLoader loader) {
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(versionResource)) {
            if (in != null) {
                Properties info = new Properties();
                info.load(in);
                return info.getProperty("info.release", "(version unknown)").trim();
            }
        } catch (IOException | IllegalArgumentException e) {
            // an unreadable version file only costs the warning its version number
        }
        return "(version unknown)";
    }
}
