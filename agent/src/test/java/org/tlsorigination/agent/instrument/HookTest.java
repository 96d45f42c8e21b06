package org.tlsorigination.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Socket;
import java.util.List;
import java.util.stream.Collectors;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

class HookTest {
    private static final Hook CONNECT = Hook.method("java.net.Socket", "connect", "java.net.SocketAddress", "int");

    @Test
    void matchesTheTypeAndTheOverloadWithExactlyTheseArgumentTypes() {
        TypeDescription socket = TypeDescription.ForLoadedType.of(Socket.class);

        List<String> matched = socket.getDeclaredMethods().filter(CONNECT.method()).stream()
                .map(MethodDescription::toString)
                .collect(Collectors.toList());

        assertEquals(List.of("public void java.net.Socket.connect(java.net.SocketAddress,int) throws java.io.IOException"),
                matched);
        assertEquals("java.net.Socket", CONNECT.typeName());
    }

    @Test
    void aConstructorHookMatchesOnlyTheConstructorWithTheseArgumentTypes() {
        Hook constructor = Hook.constructor("java.net.Socket", "java.lang.String", "int");

        List<String> matched = TypeDescription.ForLoadedType.of(Socket.class).getDeclaredMethods()
                .filter(constructor.method()).stream()
                .map(MethodDescription::toString)
                .collect(Collectors.toList());

        assertEquals(List.of("public java.net.Socket(java.lang.String,int) throws java.net.UnknownHostException,"
                + "java.io.IOException"), matched);
        assertEquals("new Socket(String, int)", constructor.toString());
    }

    @Test
    void readsAsTypeDotMethodWithSimpleNames() {
        Hook nested = Hook.method("org.example.Pool$Resolver", "resolve", "org.example.Route", "int");

        assertEquals("Socket.connect(SocketAddress, int)", CONNECT.toString());
        assertEquals("Resolver.resolve(Route, int)", nested.toString());
    }
}
