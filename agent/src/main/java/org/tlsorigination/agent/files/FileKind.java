package org.tlsorigination.agent.files;

import java.io.IOException;
import java.nio.file.Path;

/** Each kind of file the agent reads, with the largest it accepts: the limits the README's "Limits" table lists. */
public enum FileKind {
    RULES("rules file", 1 << 20),
    CERTIFICATES("certificate file", 4 << 20),
    PRIVATE_KEY("private key file", 64 << 10),
    CRL("CRL file", 4 << 20),
    TRUST_STORE("trust store", 4 << 20);

    private final String description;
    private final int maxBytes;

    FileKind(String description, int maxBytes) {
        this.description = description;
        this.maxBytes = maxBytes;
    }

    /** For messages: {@code "private key file"}. */
    public String description() {
        return description;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** @throws FileRefusedException when the file is not a regular file of at most {@link #maxBytes()} */
    public byte[] read(Path file) throws IOException {
        return BoundedFile.read(file, this);
    }

    /** Checks what {@link #read} would refuse, without opening the file; returns its size. */
    public long check(Path file) throws FileRefusedException {
        return BoundedFile.check(file, this);
    }
}
