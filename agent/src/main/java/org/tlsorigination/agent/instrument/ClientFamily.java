package org.tlsorigination.agent.instrument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One client family, declared the same way as every other: the library and the versions it claims, the marker
 * classes that tell the library is there, its hooks with their advice (in generations, newest first, where the
 * library moved its connect points between versions), and the helper classes its advice calls, which the agent
 * places in the library's class loader. In a class loader, the first generation whose hooks are all present is
 * applied, and nothing of the family when none is.
 */
public final class ClientFamily {
    /** The library name of the families that rewrite the JDK itself; their version is the JVM's. */
    public static final String JDK = "JDK";

    private final String key;
    private final String name;
    private final String library;
    private final String claimedVersions;
    private final String versionResource;
    private final List<String> markers;
    private final List<Generation> generations;
    private final List<String> helpers;
    private final List<String> relocatableRoots;
    /** Each hooked or marker type by its simple name, so a relocated copy is found without a scan. */
    private final Map<String, List<String>> triggersBySimpleName;

    private ClientFamily(Builder builder) {
        this.key = builder.key;
        this.name = builder.name;
        this.library = builder.library;
        this.claimedVersions = builder.claimedVersions;
        this.versionResource = builder.versionResource;
        this.markers = List.copyOf(builder.markers);
        this.generations = List.copyOf(builder.generations);
        this.helpers = List.copyOf(builder.helpers);
        this.relocatableRoots = List.copyOf(builder.relocatableRoots);
        Set<String> types = new LinkedHashSet<>(markers);
        for (Generation generation : generations) {
            for (Hook hook : generation.hooks()) {
                types.add(hook.typeName());
            }
        }
        Map<String, List<String>> bySimpleName = new HashMap<>();
        for (String type : types) {
            String simpleName = type.substring(type.lastIndexOf('.') + 1);
            List<String> sameName = bySimpleName.get(simpleName);
            if (sameName == null) {
                sameName = new ArrayList<>();
                bySimpleName.put(simpleName, sameName);
            }
            sameName.add(type);
        }
        this.triggersBySimpleName = Map.copyOf(bySimpleName);
    }

    /**
     * @param key the family's name in settings: {@code tlsorigination.instrumentation.<key>=false} leaves it alone
     * @param name the family as logs and the README call it
     * @param declaration the class that declares the family, in which its advice classes are nested, beside the
     *                    package {@code injected} of its helpers
     */
    public static Builder named(String key, String name, Class<?> declaration) {
        return new Builder(key, name, declaration);
    }

    public String key() {
        return key;
    }

    public String name() {
        return name;
    }

    public String library() {
        return library;
    }

    public String claimedVersions() {
        return claimedVersions;
    }

    /** The library's {@code version.properties} or Maven {@code pom.properties}, or null when it ships none. */
    public String versionResource() {
        return versionResource;
    }

    public List<Generation> generations() {
        return generations;
    }

    public List<String> helpers() {
        return helpers;
    }

    /** Types every claimed version has beside its hooked types: a relocated copy has them moved the same way. */
    List<String> markers() {
        return markers;
    }

    /**
     * Which copy of the library loading this type tells of, if it is a marker or a hooked type of the family: the
     * original, or a copy whose packages below the library's root are the original's; null for any other type. Only
     * the name is read: whether the copy has the family's structure, its gate decides.
     */
    Relocation relocationOf(String typeName) {
        List<String> triggers = triggersBySimpleName.get(typeName.substring(typeName.lastIndexOf('.') + 1));
        if (triggers == null) {
            return null;
        }
        for (String trigger : triggers) {
            if (trigger.equals(typeName)) {
                return Relocation.NONE;
            }
            String root = rootOf(trigger);
            String belowRoot = root == null ? null : trigger.substring(root.length());
            if (belowRoot != null && typeName.endsWith(belowRoot) && typeName.length() > belowRoot.length()) {
                Relocation relocation = Relocation.of(root,
                        typeName.substring(0, typeName.length() - belowRoot.length()), relocatableRoots);
                if (relocation != null) {
                    return relocation;
                }
            }
        }
        return null;
    }

    private String rootOf(String typeName) {
        for (String root : relocatableRoots) {
            if (typeName.startsWith(root + ".")) {
                return root;
            }
        }
        return null;
    }

    /** Its markers and hooked types under their own names: the types whose loading makes it look at their loader. */
    public Set<String> triggers() {
        Set<String> triggers = new HashSet<>();
        for (List<String> sameName : triggersBySimpleName.values()) {
            triggers.addAll(sameName);
        }
        return triggers;
    }

    /**
     * Its triggers' names below the library's root, such as {@code .conn.socket.PlainConnectionSocketFactory}, which a
     * relocated copy of a trigger ends with, each with those of the markers under the same root, which such a copy
     * has beside it. None if the family is not relocatable.
     */
    public Map<String, List<String>> relocatableNameEndings() {
        Map<String, List<String>> endings = new HashMap<>();
        for (String trigger : triggers()) {
            String root = rootOf(trigger);
            if (root != null) {
                List<String> markerEndings = new ArrayList<>();
                for (String marker : markers) {
                    if (marker.startsWith(root + ".")) {
                        markerEndings.add(marker.substring(root.length()));
                    }
                }
                endings.put(trigger.substring(root.length()), markerEndings);
            }
        }
        return endings;
    }

    @Override
    public String toString() {
        return name;
    }

    /** The hooks of the library versions that connect in the same places. */
    public static final class Generation {
        private final String versions;
        private final List<Hook> hooks;
        private final List<String> helpers;

        Generation(String versions, List<Hook> hooks, List<String> helpers) {
            this.versions = versions;
            this.hooks = List.copyOf(hooks);
            this.helpers = List.copyOf(helpers);
        }

        /** The library versions this generation covers, e.g. {@code "5.4 and 5.5"}. */
        public String versions() {
            return versions;
        }

        public List<Hook> hooks() {
            return hooks;
        }

        /** The helpers its advice alone calls, placed with the family's own where it is applied. */
        public List<String> helpers() {
            return helpers;
        }

        /** The hooks with advice on {@code typeName}. */
        public List<Hook> advisedOn(String typeName) {
            List<Hook> advised = new ArrayList<>();
            for (Hook hook : hooks) {
                if (hook.advice() != null && hook.typeName().equals(typeName)) {
                    advised.add(hook);
                }
            }
            return advised;
        }
    }

    public static final class Builder {
        private final String key;
        private final String name;
        private final Class<?> declaration;
        private String library;
        private String claimedVersions;
        private String versionResource;
        private final List<String> markers = new ArrayList<>();
        private final List<Generation> generations = new ArrayList<>();
        private final List<String> helpers = new ArrayList<>();
        private final List<String> relocatableRoots = new ArrayList<>();

        private Builder(String key, String name, Class<?> declaration) {
            this.key = key;
            this.name = name;
            this.declaration = declaration;
        }

        /**
         * @param claimedVersions the versions tested, e.g. {@code "4.5 to 4.5.14"}
         * @param versionResource see {@link ClientFamily#versionResource()}
         */
        public Builder library(String library, String claimedVersions, String versionResource) {
            this.library = library;
            this.claimedVersions = claimedVersions;
            this.versionResource = versionResource;
            return this;
        }

        /** Types every claimed version loads, so that a version the family cannot rewrite is named. */
        public Builder markers(String... types) {
            markers.addAll(List.of(types));
            return this;
        }

        /** The hooks of a library whose connect points are the same in every claimed version. */
        public Builder hooks(Hook... hooks) {
            return generation(claimedVersions, hooks);
        }

        /** The hooks of some of the claimed versions; declare the newest generation first. */
        public Builder generation(String versions, Hook... hooks) {
            return generation(versions, CompiledApart.in(declaration.getName()), hooks);
        }

        /** As {@link #generation(String, Hook...)}, for versions whose advice and helpers are compiled apart. */
        public Builder generation(String versions, CompiledApart code, Hook... hooks) {
            List<Hook> declared = new ArrayList<>();
            for (Hook hook : hooks) {
                declared.add(hook.declaredIn(code.adviceDeclarationIn(declaration.getPackageName())));
            }
            generations.add(new Generation(versions, declared, code.helpersIn(declaration.getPackageName())));
            return this;
        }

        /**
         * The library's root packages, which shading tools move (under a prefix, or to a package of their own) with
         * the packages below them: a copy moved so is the same family, recognised by its structure and checked hook
         * by hook like the original.
         */
        public Builder relocatable(String... rootPackages) {
            relocatableRoots.addAll(List.of(rootPackages));
            return this;
        }

        /**
         * Classes the advice calls, placed in the library's class loader: they may use the library's types. Named by
         * strings, like the advice; a name without a package is that of a class in the family's {@code injected}
         * package.
         */
        public Builder helpers(String... classNames) {
            helpers.addAll(CompiledApart.helpersIn(declaration.getPackageName(), List.of(classNames)));
            return this;
        }

        public ClientFamily build() {
            if (library == null || generations.isEmpty()) {
                throw new IllegalStateException(name + " needs its library and its hooks");
            }
            return new ClientFamily(this);
        }
    }
}
