package org.tlsorigination.agent.instrument;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the advice and the helpers of a family's generation are when they are compiled apart from the family's
 * declaration: against that generation's own library API, at a Java release of their own, in classes the agent names
 * by strings and may be unable to load on the JVM it runs on. Names without a package are in the family's package
 * (the advice's declaring class) and in its {@code injected} package (the helpers).
 */
public final class CompiledApart {
    private final String adviceDeclaration;
    private final List<String> helpers;

    private CompiledApart(String adviceDeclaration, List<String> helpers) {
        this.adviceDeclaration = adviceDeclaration;
        this.helpers = helpers;
    }

    /** The advice nested in {@code adviceDeclaration}, calling {@code helpers}. */
    public static CompiledApart in(String adviceDeclaration, String... helpers) {
        return new CompiledApart(adviceDeclaration, List.of(helpers));
    }

    String adviceDeclarationIn(String familyPackage) {
        return adviceDeclaration.indexOf('.') >= 0 ? adviceDeclaration : familyPackage + "." + adviceDeclaration;
    }

    List<String> helpersIn(String familyPackage) {
        return helpersIn(familyPackage, helpers);
    }

    static List<String> helpersIn(String familyPackage, List<String> classNames) {
        List<String> names = new ArrayList<>();
        for (String className : classNames) {
            names.add(className.indexOf('.') >= 0 ? className : familyPackage + ".injected." + className);
        }
        return names;
    }
}
