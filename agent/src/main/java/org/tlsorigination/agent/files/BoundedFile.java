package org.tlsorigination.agent.files;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Reads only regular files (symbolic links followed), never more than their kind's limit. The type is checked before
 * the file is opened, because opening a named pipe blocks until a writer comes and a device never ends; a file that
 * grows past its limit after the check is still cut off while it is read.
 */
final class BoundedFile {
    private static final int CHUNK = 64 << 10;

    private BoundedFile() {
    }

    static long check(Path file, FileKind kind) throws FileRefusedException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new FileRefusedException(Files.isSymbolicLink(file)
                    ? "is a symbolic link to a file that does not exist" : "does not exist");
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (attributes.isDirectory()) {
            throw new FileRefusedException("is a directory, not a file");
        }
        if (!attributes.isRegularFile()) {
            throw new FileRefusedException("is a device, pipe or socket, not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new FileRefusedException("is not readable (permission denied)");
        }
        if (attributes.size() > kind.maxBytes()) {
            throw tooLarge(kind);
        }
        return attributes.size();
    }

    static byte[] read(Path file, FileKind kind) throws IOException {
        long size = check(file, kind);
        int limit = kind.maxBytes();
        // One byte more than the limit tells a file that grew past it after the check.
        byte[] content = new byte[(int) Math.min(size, limit) + 1];
        int length = 0;
        // java.io, not a Files channel: on recent JDKs that loads sun.nio.ch.SocketChannelImpl, which the guard
        // rewrites, and a rewritten type loaded before main would bring Byte Buddy in with it.
        try (InputStream in = new FileInputStream(file.toFile())) {
            for (int n = 0; n >= 0; n = in.read(content, length, content.length - length)) {
                length += n;
                if (length == content.length) {
                    if (length > limit) {
                        throw tooLarge(kind);
                    }
                    content = Arrays.copyOf(content, Math.min(length + CHUNK, limit + 1));
                }
            }
        } catch (FileRefusedException e) {
            throw e;
        } catch (IOException e) {
            throw unreadable(e);
        }
        return Arrays.copyOf(content, length);
    }

    private static FileRefusedException tooLarge(FileKind kind) {
        return new FileRefusedException("is larger than the " + size(kind.maxBytes()) + " limit for a "
                + kind.description());
    }

    private static FileRefusedException unreadable(IOException e) {
        if (e instanceof AccessDeniedException) {
            return new FileRefusedException("is not readable (permission denied)");
        }
        String reason = e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
                ? ((FileSystemException) e).getReason() : e.getClass().getSimpleName();
        if (reason.startsWith("Too many levels of symbolic links")) {
            return new FileRefusedException("is a loop of symbolic links");
        }
        return new FileRefusedException("cannot be read (" + reason + ")");
    }

    static String size(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }
}
