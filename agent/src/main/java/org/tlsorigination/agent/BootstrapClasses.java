package org.tlsorigination.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the {@code bootstrap} package, and nothing else of the agent, on the bootstrap class path: JDK classes can
 * only call what the bootstrap loader sees, and one copy there is the copy every other loader delegates to.
 */
final class BootstrapClasses {
    private static final String PACKAGE = "org/tlsorigination/agent/bootstrap/";

    private BootstrapClasses() {
    }

    static void appendToBootstrapSearch(Instrumentation instrumentation) throws IOException {
        Path bootstrapJar = Files.createTempFile("tls-origination-bootstrap-", ".jar");
        bootstrapJar.toFile().deleteOnExit();
        try (JarFile agent = new JarFile(agentJar().toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(bootstrapJar))) {
            for (Enumeration<JarEntry> entries = agent.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith(PACKAGE) && entry.getName().endsWith(".class")) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = agent.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bootstrapJar.toFile()));
    }

    private static Path agentJar() throws IOException {
        try {
            return Paths.get(BootstrapClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the agent jar", e);
        }
    }
}
