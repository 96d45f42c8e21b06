package org.tlsorigination.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One method of a library that a family relies on, named by type names only, so that neither matching it nor
 * checking a library for it loads the library. A hook with advice is rewritten; one without is only required, for
 * a method the advice calls.
 */
public final class Hook {
    private static final String CONSTRUCTOR = "<init>";

    private final String type;
    private final String method;
    private final String[] argumentTypes;
    private final boolean publicOnly;
    private final boolean optional;
    private final String advice;

    private Hook(String type, String method, String[] argumentTypes, boolean publicOnly, boolean optional,
                 String advice) {
        this.type = type;
        this.method = method;
        this.argumentTypes = argumentTypes;
        this.publicOnly = publicOnly;
        this.optional = optional;
        this.advice = advice;
    }

    /** A method by its declaring type, name and exact argument types ({@code "int"} for primitives). */
    public static Hook method(String type, String method, String... argumentTypes) {
        return new Hook(type, method, argumentTypes.clone(), false, false, null);
    }

    /** A constructor by its declaring type and exact argument types. */
    public static Hook constructor(String type, String... argumentTypes) {
        return new Hook(type, CONSTRUCTOR, argumentTypes.clone(), false, false, null);
    }

    /** A constructor that code outside its package may call, as advice that calls it does. */
    public static Hook publicConstructor(String type, String... argumentTypes) {
        return new Hook(type, CONSTRUCTOR, argumentTypes.clone(), true, false, null);
    }

    /**
     * This hook, rewritten by the advice class {@code adviceClass}, whose bytes are inlined and which the agent never
     * loads: named by a string, as a class literal would load it at start-up. A name without a package is that of a
     * class nested in the one that declares the family.
     */
    public Hook advisedBy(String adviceClass) {
        return new Hook(type, method, argumentTypes, publicOnly, optional, adviceClass);
    }

    /** This hook with its advice named in full, a nested name taken as nested in the class {@code declaration}. */
    Hook declaredIn(String declaration) {
        return advice == null || advice.indexOf('.') >= 0 ? this : advisedBy(declaration + "$" + advice);
    }

    /**
     * This hook where its type ships in a jar of its own that a loader may lack: the hook is then not needed there.
     * Where the type is present, the method must be too.
     */
    public Hook whereItsTypeIsPresent() {
        return new Hook(type, method, argumentTypes, publicOnly, true, advice);
    }

    public String typeName() {
        return type;
    }

    /** Its type's and its arguments' names: the types a copy of the library must have for the hook to be there. */
    List<String> typeNames() {
        List<String> names = new ArrayList<>(List.of(argumentTypes));
        names.add(0, type);
        return names;
    }

    /** The advice class's name, or null for a hook that is only required. */
    public String advice() {
        return advice;
    }

    public boolean optional() {
        return optional;
    }

    public ElementMatcher.Junction<MethodDescription> method() {
        return method(Relocation.NONE);
    }

    /** The method in a copy of the library, whose own types it takes under the copy's names. */
    ElementMatcher.Junction<MethodDescription> method(Relocation relocation) {
        String[] types = new String[argumentTypes.length];
        for (int i = 0; i < argumentTypes.length; i++) {
            types[i] = relocation.typeName(argumentTypes[i]);
        }
        return Matching.method(method, publicOnly, types);
    }

    /** {@code Type.method(Arg, Arg)} or {@code new Type(Arg, Arg)} with simple names, for log lines. */
    @Override
    public String toString() {
        StringBuilder text = method.equals(CONSTRUCTOR) ? new StringBuilder("new ").append(simpleName(type))
                : new StringBuilder(simpleName(type)).append('.').append(method);
        text.append('(');
        for (int i = 0; i < argumentTypes.length; i++) {
            text.append(i == 0 ? "" : ", ").append(simpleName(argumentTypes[i]));
        }
        return text.append(')').toString();
    }

    private static String simpleName(String typeName) {
        return typeName.substring(Math.max(typeName.lastIndexOf('.'), typeName.lastIndexOf('$')) + 1);
    }

    /**
     * Builds the matcher apart from {@link Hook}: verifying this code loads Byte Buddy's matcher types, and the agent
     * declares its hooks at start-up, long before Byte Buddy is needed.
     */
    private static final class Matching {
        static ElementMatcher.Junction<MethodDescription> method(String method, boolean publicOnly,
                                                                 String[] argumentTypes) {
            ElementMatcher.Junction<MethodDescription> matcher = method.equals(CONSTRUCTOR)
                    ? isConstructor() : named(method);
            if (publicOnly) {
                matcher = matcher.and(isPublic());
            }
            matcher = matcher.and(takesArguments(argumentTypes.length));
            for (int i = 0; i < argumentTypes.length; i++) {
                matcher = matcher.and(takesArgument(i, named(argumentTypes[i])));
            }
            return matcher;
        }
    }
}
