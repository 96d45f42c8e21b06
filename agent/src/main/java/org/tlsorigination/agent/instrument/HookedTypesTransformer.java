package org.tlsorigination.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tlsorigination.agent.Log;

/**
 * The agent's one class file transformer. It reads nothing but a class's name, and hands only the families' hooked
 * and marker types (or what may be a relocated copy's: the same simple name, the same packages below the library's
 * root, the family's markers beside it) to Byte Buddy, which it builds when the first of them is loaded: an app that
 * never loads a client the agent rewrites never loads Byte Buddy, and every other class costs a set and a map lookup,
 * and a look for the markers' class files where its name matches.
 */
public final class HookedTypesTransformer implements ClassFileTransformer {
    private final List<ClientFamily> families;
    private final HelperInjector helpers;
    /** Internal names, as the JVM passes them: {@code sun/net/www/http/HttpClient}. */
    private final Set<String> hookedTypes;
    /** By simple name, the relocatable families' triggers as a relocated copy's name ends. */
    private final Map<String, List<RelocatedTrigger>> relocatedTriggers;
    private final ThreadLocal<Boolean> building = new ThreadLocal<>();
    /** Hooked types first loaded while the rewriter was being built, by Byte Buddy itself: rewritten once it is. */
    private final Set<String> loadedWhileBuilding = ConcurrentHashMap.newKeySet();
    private volatile ClassRewriter rewriter;
    private volatile boolean broken;

    private HookedTypesTransformer(List<ClientFamily> families, HelperInjector helpers, Set<String> hookedTypes,
                                   Map<String, List<RelocatedTrigger>> relocatedTriggers) {
        this.families = families;
        this.helpers = helpers;
        this.hookedTypes = hookedTypes;
        this.relocatedTriggers = relocatedTriggers;
    }

    /**
     * Registers the transformer, and rewrites those of the hooked types that are loaded already (when the agent is
     * attached to a running app), one at a time so that one that cannot be rewritten keeps no other from it.
     */
    public static void install(Instrumentation instrumentation, List<ClientFamily> families, HelperInjector helpers) {
        Set<String> hookedTypes = new HashSet<>();
        Map<String, List<RelocatedTrigger>> relocatedTriggers = new HashMap<>();
        for (ClientFamily family : families) {
            for (String typeName : family.triggers()) {
                hookedTypes.add(typeName.replace('.', '/'));
            }
            for (Map.Entry<String, List<String>> ending : family.relocatableNameEndings().entrySet()) {
                RelocatedTrigger trigger = new RelocatedTrigger(ending.getKey(), ending.getValue());
                String simpleName = simpleName(trigger.ending);
                List<RelocatedTrigger> sameName = relocatedTriggers.get(simpleName);
                if (sameName == null) {
                    sameName = new ArrayList<>();
                    relocatedTriggers.put(simpleName, sameName);
                }
                sameName.add(trigger);
            }
        }
        HookedTypesTransformer transformer = new HookedTypesTransformer(List.copyOf(families), helpers,
                Set.copyOf(hookedTypes), Map.copyOf(relocatedTriggers));
        instrumentation.addTransformer(transformer, true);
        retransform(instrumentation, hookedTypes);
        // Rewriting a loaded SocketChannelImpl builds the rewriter, and on JDK 25 that loads java.net.Socket.
        retransform(instrumentation, transformer.loadedWhileBuilding);
    }

    private static void retransform(Instrumentation instrumentation, Set<String> internalNames) {
        if (internalNames.isEmpty()) {
            return;
        }
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (internalNames.contains(type.getName().replace('.', '/')) && instrumentation.isModifiableClass(type)) {
                try {
                    instrumentation.retransformClasses(type);
                } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                    Log.warn("cannot rewrite the loaded class " + type.getName() + ": " + e);
                }
            }
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (className == null || !hookedTypes.contains(className) && !mayBeRelocatedCopy(loader, className)) {
            return null;
        }
        ClassRewriter built = rewriter();
        if (built == null && !broken) {
            loadedWhileBuilding.add(className);
            Log.debug(className + " was loaded while the class rewriter was being built");
        }
        return built == null ? null : built.rewrite(loader, className, domain, classFile);
    }

    /**
     * Whether {@code className} ends as a trigger of a relocatable family does below its root, with the family's
     * markers under the same root beside it: an app's own {@code Route} has no {@code OkHttpClient} there.
     */
    private boolean mayBeRelocatedCopy(ClassLoader loader, String className) {
        List<RelocatedTrigger> triggers = relocatedTriggers.get(simpleName(className));
        if (triggers != null) {
            for (RelocatedTrigger trigger : triggers) {
                if (className.endsWith(trigger.ending) && className.length() > trigger.ending.length()
                        && trigger.hasMarkersBeside(loader, className)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String simpleName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    /**
     * Built under a lock that is held only while building: Byte Buddy loads its own classes and the JDK's, never a
     * hooked type, so no thread that waits here can hold a class that the builder needs. Null while this thread is
     * the one building, and once building has failed.
     */
    private ClassRewriter rewriter() {
        ClassRewriter built = rewriter;
        if (built != null || broken || building.get() != null) {
            return built;
        }
        synchronized (this) {
            if (rewriter == null && !broken) {
                building.set(Boolean.TRUE);
                try {
                    rewriter = new ClassRewriter(families, helpers);
                } catch (RuntimeException | LinkageError e) {
                    broken = true;
                    Log.error("cannot build the class rewriter, so no client is rewritten: " + e);
                } finally {
                    building.remove();
                }
            }
            return rewriter;
        }
    }

    /** A trigger's name below its root, and the class files of the markers a relocated copy has beside it. */
    private static final class RelocatedTrigger {
        final String ending;
        final List<String> markerFiles = new ArrayList<>();

        RelocatedTrigger(String ending, List<String> markerEndings) {
            this.ending = ending.replace('.', '/');
            for (String marker : markerEndings) {
                markerFiles.add(marker.replace('.', '/') + ".class");
            }
        }

        /** The boot loader is not asked: a relocated library there is rare, and the gate checks it anyway. */
        boolean hasMarkersBeside(ClassLoader loader, String className) {
            if (loader == null) {
                return true;
            }
            String movedRoot = className.substring(0, className.length() - ending.length());
            for (String markerFile : markerFiles) {
                if (loader.getResource(movedRoot + markerFile) == null) {
                    return false;
                }
            }
            return true;
        }
    }
}
