package org.tlsorigination.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;
import org.tlsorigination.agent.Log;

/**
 * When a class loader loads a library's marker type, checks that loader for the family's hooks and warns, naming the
 * library and its version, if they are not all there, since its plain-text requests are then not originated. Only
 * class files are read for the check; it loads no class of the library.
 */
public final class MissingHookWarning extends AgentBuilder.Listener.Adapter {
    private final String library;
    private final String markerType;
    private final String versionResource;
    private final List<Hook> hooks;

    /**
     * @param versionResource the library's {@code version.properties} (Apache's {@code VersionInfo} format)
     * @param hooks each hook's type may be absent in some versions, but a type that is present must have the method,
     *     and at least one of the types must be present
     */
    public MissingHookWarning(String library, String markerType, String versionResource, Hook... hooks) {
        this.library = library;
        this.markerType = markerType;
        this.versionResource = versionResource;
        this.hooks = List.of(hooks);
    }

    @Override
    public void onDiscovery(String typeName, ClassLoader loader, JavaModule module, boolean loaded) {
        if (typeName.equals(markerType)) {
            try {
                check(loader);
            } catch (RuntimeException e) {
                Log.warn("cannot check " + library + " in " + loader + " for " + hooks + ": " + e);
            }
        }
    }

    private void check(ClassLoader loader) {
        TypePool types = TypePool.Default.WithLazyResolution.of(ClassFileLocator.ForClassLoader.of(loader));
        List<String> missing = new ArrayList<>();
        boolean anyType = false;
        for (Hook hook : hooks) {
            TypePool.Resolution type = types.describe(hook.typeName());
            if (type.isResolved()) {
                anyType = true;
                if (type.resolve().getDeclaredMethods().filter(hook.method()).isEmpty()) {
                    missing.add(hook.toString());
                }
            }
        }
        String found = library + " " + version(loader) + " in " + loader;
        if (!anyType) {
            Log.warn(found + " cannot be instrumented: it has none of " + hooks
                    + "; its plain-text requests are not originated");
        } else if (!missing.isEmpty()) {
            Log.warn(found + " cannot be instrumented: it lacks " + String.join(", ", missing)
                    + "; its plain-text requests are not originated");
        } else {
            Log.debug(found + ": instrumenting " + hooks);
        }
    }

    private String version(ClassLoader loader) {
        if (loader == null) {
            return "(version unknown)";
        }
        try (InputStream in = loader.getResourceAsStream(versionResource)) {
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
