package org.tlsorigination.agent.files;

import java.io.IOException;

/** A file the agent will not read, with the reason in words that follow the file name: "is a directory, ...". */
public final class FileRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    FileRefusedException(String problem) {
        super(problem);
    }
}
