package org.tlsorigination.testapps.harness;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * A family's end-to-end tests, run once per cell of its matrix: on each claimed version of its library, in each client
 * shape the class names with {@link ClientShapes}. Each run's name is its cell, e.g. {@code pooled on httpclient-4.3}.
 */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(FamilyMatrix.class)
@ExtendWith(CellNamedInFailures.class)
public abstract class FamilyMatrixTest {

    /** This run's cell: start the app through it, so it runs on this version's jars and in this shape. */
    @Parameter
    protected ClientUnderTest client;

    @TempDir
    protected Path dir;

    /** The app a contract runs, which the test class names with {@link AppUnderTest}. */
    protected Class<?> app() {
        return appUnderTest().value();
    }

    protected AppUnderTest appUnderTest() {
        AppUnderTest app = getClass().getAnnotation(AppUnderTest.class);
        if (app == null) {
            throw new IllegalStateException(getClass() + " names no @AppUnderTest");
        }
        return app;
    }
}
