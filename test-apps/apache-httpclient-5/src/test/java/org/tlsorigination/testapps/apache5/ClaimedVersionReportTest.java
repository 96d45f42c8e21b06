package org.tlsorigination.testapps.apache5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.FamilyMatrixTest;

/** On each claimed version the agent names what it instruments, at debug level, and warns of nothing. */
class ClaimedVersionReportTest extends FamilyMatrixTest {

    @Test
    void claimedVersionIsReportedAtDebugLevel() throws Exception {
        List<Path> classPath = new ArrayList<>(List.of(ChildJvm.classPathOf(LoadClass.class)));
        classPath.addAll(List.of(client.version().jars()));

        ChildJvm.Result result = LibraryPresenceTest.loadWithAgent(dir, classPath, LibraryPresenceTest.OPERATOR,
                LibraryPresenceTest.SESSION_REQUEST).run();

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("[tls-origination] Apache HttpClient " + client.version() + " in "),
                result::toString);
        assertTrue(result.stderr().contains(": rewriting Apache HttpClient 5 ("), result::toString);
        assertTrue(result.stderr().contains(": rewriting Apache HttpClient 5 async ("), result::toString);
        assertFalse(result.stderr().contains("[tls-origination] warning"), result::toString);
    }
}
