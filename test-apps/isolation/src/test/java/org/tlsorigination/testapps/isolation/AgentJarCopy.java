package org.tlsorigination.testapps.isolation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** A copy of the agent jar with one entry broken, to see what the agent does when part of it fails. */
final class AgentJarCopy {
    private AgentJarCopy() {
    }

    /**
     * {@code original} copied to {@code copy} with the bytes of {@code entryName} passed through {@code edit}; an
     * edit that returns null leaves the entry out.
     *
     * @throws IllegalArgumentException if the jar has no such entry
     */
    static Path withEntry(Path original, Path copy, String entryName, UnaryOperator<byte[]> edit) throws IOException {
        boolean found = false;
        try (ZipFile in = new ZipFile(original.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream content = in.getInputStream(entry)) {
                    bytes = content.readAllBytes();
                }
                if (entry.getName().equals(entryName)) {
                    found = true;
                    bytes = edit.apply(bytes);
                    if (bytes == null) {
                        continue;
                    }
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        if (!found) {
            throw new IllegalArgumentException(original + " has no " + entryName);
        }
        return copy;
    }
}
