package org.tlsorigination.testapps.jdk;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;

/** The shortest legacy fetch there is: {@code new URL(url).openStream()}, printing how many bytes arrived. */
public final class UrlOpenStream {

    private UrlOpenStream() {
    }

    public static void main(String[] args) throws IOException {
        try (InputStream in = new URL(args[0]).openStream()) {
            System.out.println(in.readAllBytes().length + " bytes from " + args[0]);
        }
    }
}
