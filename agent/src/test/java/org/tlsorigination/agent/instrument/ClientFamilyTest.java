package org.tlsorigination.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A generation compiled apart names its advice in its own class and brings helpers of its own. */
class ClientFamilyTest {
    private static final Hook CONNECT = Hook.method("java.net.Socket", "connect", "java.net.SocketAddress", "int");
    private static final String HOME = "org.tlsorigination.agent.instrument";

    @Test
    void aGenerationCompiledApartHasItsOwnAdviceClassAndHelpers() {
        ClientFamily family = ClientFamily.named("test", "a test family", ClientFamilyTest.class)
                .library(ClientFamily.JDK, "17 and 25", null)
                .generation("newer", CONNECT.advisedBy("OnConnect"))
                .generation("older", CompiledApart.in("OlderAdvice", "OlderHelper", "org.example.Shared"),
                        CONNECT.advisedBy("OnConnect"))
                .helpers("FamilyHelper")
                .build();

        ClientFamily.Generation newer = family.generations().get(0);
        ClientFamily.Generation older = family.generations().get(1);
        assertEquals(ClientFamilyTest.class.getName() + "$OnConnect", newer.hooks().get(0).advice());
        assertEquals(List.of(), newer.helpers());
        assertEquals(HOME + ".OlderAdvice$OnConnect", older.hooks().get(0).advice());
        assertEquals(List.of(HOME + ".injected.OlderHelper", "org.example.Shared"), older.helpers());
        assertEquals(List.of(HOME + ".injected.FamilyHelper"), family.helpers());
    }
}
