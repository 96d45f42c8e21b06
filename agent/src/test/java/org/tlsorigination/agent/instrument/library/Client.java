package org.tlsorigination.agent.instrument.library;

/** A stand-in library for the relocation tests: one type whose method takes another of the library's types. */
public class Client {
    public void connect(Target target, int timeoutMillis) {
    }

    public static class Target {
    }
}
