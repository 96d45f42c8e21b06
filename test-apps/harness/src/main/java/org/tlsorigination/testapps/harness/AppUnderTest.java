package org.tlsorigination.testapps.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The unchanged app a family's contracts run: it takes URLs and prints one line per response. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AppUnderTest {

    /** The app's main class. */
    Class<?> value();

    /** The line the app prints for the stand-in's page. */
    String pageLine() default "200 OK, " + StandInServer.BODY_LENGTH + " bytes";
}
