package org.tlsorigination.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One method a family rewrites, named by type names only, so matching it never loads the library; the same
 * description drives the transformation and the check that a loaded library still has the method.
 */
public final class Hook {
    private static final String CONSTRUCTOR = "<init>";

    private final String type;
    private final String method;
    private final String[] argumentTypes;

    private Hook(String type, String method, String[] argumentTypes) {
        this.type = type;
        this.method = method;
        this.argumentTypes = argumentTypes;
    }

    /** A method by its declaring type, name and exact argument types ({@code "int"} for primitives). */
    public static Hook of(String type, String method, String... argumentTypes) {
        return new Hook(type, method, argumentTypes.clone());
    }

    /** A public constructor by its declaring type and exact argument types: one that code outside its package may call. */
    public static Hook constructor(String type, String... argumentTypes) {
        return new Hook(type, CONSTRUCTOR, argumentTypes.clone());
    }

    public String typeName() {
        return type;
    }

    public ElementMatcher.Junction<TypeDescription> type() {
        return named(type);
    }

    public ElementMatcher.Junction<MethodDescription> method() {
        ElementMatcher.Junction<MethodDescription> matcher = method.equals(CONSTRUCTOR)
                ? isConstructor().<MethodDescription>and(isPublic()) : named(method);
        matcher = matcher.and(takesArguments(argumentTypes.length));
        for (int i = 0; i < argumentTypes.length; i++) {
            matcher = matcher.and(takesArgument(i, named(argumentTypes[i])));
        }
        return matcher;
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
}
