package org.tlsorigination.testapps.harness;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/** Puts the matrix cell into a failure's message: surefire's reports number a class's runs instead of naming them. */
final class CellNamedInFailures implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (failure instanceof TestAbortedException) {
            throw failure;
        }
        String named = "on " + ((FamilyMatrixTest) context.getRequiredTestInstance()).client + ": "
                + failure.getMessage();
        throw failure instanceof AssertionError ? new AssertionError(named, failure)
                : new IllegalStateException(named, failure);
    }
}
