package org.tlsorigination.agent;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.tlsorigination.agent.instrument.HelperInjector;

/**
 * Defines the {@code bootstrap} package, and nothing else of the agent, in the boot loader: JDK classes can only call
 * what the boot loader sees, and one copy there is the copy every other loader delegates to. The classes are defined
 * one by one rather than by appending a jar to the boot class path, which would turn class-data sharing off for
 * every class the app loads.
 */
final class BootstrapClasses {
    private static final String PACKAGE = "org/tlsorigination/agent/bootstrap/";
    private static final String CLASS_FILE = ".class";

    private BootstrapClasses() {
    }

    static void defineInBootLoader(HelperInjector injector) throws IOException {
        injector.defineInBootLoader(facadeClassNames());
    }

    /** Only JDK types are their supertypes, so they may be defined in any order. */
    private static List<String> facadeClassNames() throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile agent = new JarFile(agentJar())) {
            for (Enumeration<JarEntry> entries = agent.entries(); entries.hasMoreElements(); ) {
                String entry = entries.nextElement().getName();
                if (entry.startsWith(PACKAGE) && entry.endsWith(CLASS_FILE) && entry.indexOf('/', PACKAGE.length()) < 0) {
                    names.add(entry.substring(0, entry.length() - CLASS_FILE.length()).replace('/', '.'));
                }
            }
        }
        return names;
    }

    private static String agentJar() throws IOException {
        try {
            return Paths.get(BootstrapClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the agent jar", e);
        }
    }
}
