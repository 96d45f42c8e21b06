package org.tlsorigination.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The gate reads the library's class files: all hooks of a generation present, or nothing of the family. */
class FamilyGateTest {
    private static final Hook SOCKET_CONNECT = Hook.method("java.net.Socket", "connect", "java.net.SocketAddress",
            "int");
    private static final Hook MISSING = Hook.method("java.net.Socket", "connectInPlainText", "java.lang.String");
    private static final Hook ABSENT_TYPE = Hook.method("org.example.absent.Client", "connect");
    private static final ClassLoader APP = FamilyGateTest.class.getClassLoader();

    @Test
    void aGenerationWhoseHooksAreAllPresentIsApplied() {
        ClientFamily family = family().hooks(SOCKET_CONNECT.advisedBy("java.lang.Object")).build();

        assertSame(family.generations().get(0), new FamilyGate(family, null).generationFor(APP, Relocation.NONE, null));
    }

    @Test
    void oneMissingHookMeansNothingOfTheFamily() {
        ClientFamily family = family().hooks(SOCKET_CONNECT.advisedBy("java.lang.Object"), MISSING).build();

        assertNull(new FamilyGate(family, null).generationFor(APP, Relocation.NONE, null));
    }

    @Test
    void theFirstGenerationThatFitsWinsSoTheNewestIsDeclaredFirst() {
        ClientFamily family = family()
                .generation("newest", SOCKET_CONNECT, MISSING)
                .generation("older", SOCKET_CONNECT)
                .generation("oldest", SOCKET_CONNECT)
                .build();

        assertEquals("older", new FamilyGate(family, null).generationFor(APP, Relocation.NONE, null).versions());
    }

    @Test
    void aHookOnATypeOfAnotherJarIsNeededOnlyWhereThatTypeIsThere() {
        ClientFamily optional = family().hooks(SOCKET_CONNECT, ABSENT_TYPE.whereItsTypeIsPresent()).build();
        ClientFamily required = family().hooks(SOCKET_CONNECT, ABSENT_TYPE).build();

        assertSame(optional.generations().get(0), new FamilyGate(optional, null).generationFor(APP, Relocation.NONE, null));
        assertNull(new FamilyGate(required, null).generationFor(APP, Relocation.NONE, null));
    }

    @Test
    void theBootLoaderIsDecidedLikeAnyOther() {
        ClientFamily family = family().hooks(SOCKET_CONNECT).build();

        assertSame(family.generations().get(0), new FamilyGate(family, null).generationFor(null, Relocation.NONE, null));
    }

    private static ClientFamily.Builder family() {
        return ClientFamily.named("test", "a test family", FamilyGateTest.class).library(ClientFamily.JDK, "17 and 25", null);
    }
}
