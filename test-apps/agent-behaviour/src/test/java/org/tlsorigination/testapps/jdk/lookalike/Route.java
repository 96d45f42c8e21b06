package org.tlsorigination.testapps.jdk.lookalike;

/** An app's own class with the simple name of a type OkHttp is rewritten at, and no OkHttpClient beside it. */
public final class Route {
}
