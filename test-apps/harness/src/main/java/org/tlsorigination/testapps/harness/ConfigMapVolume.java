package org.tlsorigination.testapps.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A directory laid out as Kubernetes mounts a ConfigMap or Secret: each file is a symlink through {@code ..data},
 * itself a symlink to a timestamped directory. An update writes a new directory and swaps {@code ..data} by
 * rename, so the files never change in place.
 */
public final class ConfigMapVolume {
    private final Path root;
    private int version;

    public ConfigMapVolume(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    public Path file(String name) {
        return root.resolve(name);
    }

    /** Publishes a new version holding the given name, content pairs. */
    public void publish(String... namesAndContents) throws IOException {
        Path next = Files.createDirectory(root.resolve("..2026_11_26_v" + ++version));
        for (int i = 0; i < namesAndContents.length; i += 2) {
            Files.writeString(next.resolve(namesAndContents[i]), namesAndContents[i + 1]);
            Path link = root.resolve(namesAndContents[i]);
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, Path.of("..data", namesAndContents[i]));
            }
        }
        Path staged = Files.createSymbolicLink(root.resolve("..data_tmp"), next.getFileName());
        Files.move(staged, root.resolve("..data"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Publishes a certificate and its key as a Kubernetes TLS secret holds them: {@code tls.crt}, {@code tls.key}. */
    public void publishTls(IssuedCertificate certificate) throws IOException {
        Path staging = Files.createTempDirectory(root.getParent(), "staging");
        Path chain = certificate.writeChainPem(staging.resolve("tls.crt"));
        Path key = certificate.writePrivateKeyPem(staging.resolve("tls.key"), true);
        publish("tls.crt", Files.readString(chain), "tls.key", Files.readString(key));
        Files.delete(chain);
        Files.delete(key);
        Files.delete(staging);
    }
}
