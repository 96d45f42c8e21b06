package org.tlsorigination.agent.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tlsorigination.agent.files.FileKind;
import org.tlsorigination.agent.files.FileRefusedException;

/**
 * The certificate, key, CA and CRL files a rules file names, each with the field that first named it, so that a
 * problem the TLS layer finds in a file's content is reported at that field.
 */
final class ReferencedFiles {
    private final Path baseDirectory;
    private final Map<Path, YamlField> namedBy = new LinkedHashMap<>();
    private long totalBytes;

    /** @param baseDirectory the rules file's directory, against which relative paths resolve */
    ReferencedFiles(Path baseDirectory) {
        this.baseDirectory = baseDirectory;
    }

    /**
     * The file {@code field} names, which must be a non-empty regular file within {@code kind}'s limit; null when the
     * field is absent. Its content is read by the TLS layer, never here.
     */
    Path file(YamlField field, FileKind kind) throws ConfigException {
        if (!field.isPresent()) {
            return null;
        }
        Path file = resolve(field);
        long size;
        try {
            size = kind.check(file);
        } catch (FileRefusedException e) {
            throw field.error("file " + file + " " + e.getMessage());
        }
        if (size == 0) {
            throw field.error("file " + file + " is empty");
        }
        if (!namedBy.containsKey(file)) {
            if (namedBy.size() == RulesLimits.FILES) {
                throw field.error("names more than " + RulesLimits.FILES + " distinct certificate, key, CA and CRL "
                        + "files");
            }
            totalBytes += size;
            if (totalBytes > RulesLimits.FILE_BYTES) {
                throw field.error("file " + file + " brings the certificate, key, CA and CRL files named to more "
                        + "than " + (RulesLimits.FILE_BYTES >> 20) + " MiB together");
            }
            namedBy.put(file, field.detached());
        }
        return file;
    }

    private Path resolve(YamlField field) throws ConfigException {
        String name = field.string();
        try {
            return baseDirectory.resolve(name).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw field.error("'" + name + "' is not a file path: " + e.getReason());
        }
    }

    /** A problem with a named file's content, at the field that named it: {@code ...: field: file <path> <problem>}. */
    ConfigException error(Path file, String problem) {
        YamlField field = namedBy.get(file);
        String text = "file " + file + " " + problem;
        return field != null ? field.error(text) : new ConfigException(file.toString(), 0, null, problem);
    }

    List<Path> files() {
        return List.copyOf(namedBy.keySet());
    }
}
