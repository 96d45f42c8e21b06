package org.tlsorigination.agent.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;

/** A certificate, key, CA or CRL file whose content the TLS settings cannot use, naming the file and the problem. */
public final class TlsFileException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    /** @param problem words that follow the file's name, e.g. {@code "holds no certificate"}; never key material */
    TlsFileException(Path file, String problem) {
        super(file + " " + problem);
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public String problem() {
        return problem;
    }
}
