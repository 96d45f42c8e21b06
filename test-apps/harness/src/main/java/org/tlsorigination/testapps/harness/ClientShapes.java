package org.tlsorigination.testapps.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The client shapes a {@link FamilyMatrixTest} runs its family's app in, for an app written in several (each its
 * first argument, e.g. {@code pooled}); without it the app runs as it is. Repeated for shapes that only some of the
 * claimed versions have.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@Repeatable(ClientShapes.List.class)
public @interface ClientShapes {

    /** The app's first argument, one per shape. */
    String[] value();

    /**
     * Only on the versions of this library: those whose directory is named {@code <library>-<version>}, or, for a
     * release line such as {@code httpasyncclient-4.1}, {@code <library>.<rest of the version>}. Every claimed version
     * when empty.
     */
    String library() default "";

    /** The repeated form. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @Inherited
    @interface List {
        ClientShapes[] value();
    }
}
