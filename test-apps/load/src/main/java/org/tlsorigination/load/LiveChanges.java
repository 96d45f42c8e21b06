package org.tlsorigination.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ConfigMapVolume;

/**
 * What changes under the load: the rules file, renamed over by one of two valid versions every 100 ms, and the
 * client certificate, published anew every second as Kubernetes updates a mounted secret. It remembers every client
 * name it published, and the first thing that went wrong, if anything did.
 */
final class LiveChanges implements AutoCloseable {
    static final long RULES_EVERY_MILLIS = 100;
    static final long CERTIFICATE_EVERY_MILLIS = 1000;

    private final Path rules;
    private final List<String> versions;
    private final ConfigMapVolume secret;
    private final CertificateAuthority clientCa;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger rewrites = new AtomicInteger();
    private final AtomicInteger rotations = new AtomicInteger();
    private final Set<String> publishedSubjects = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    LiveChanges(Path rules, List<String> versions, ConfigMapVolume secret, CertificateAuthority clientCa)
            throws IOException {
        this.rules = rules;
        this.versions = versions;
        this.secret = secret;
        this.clientCa = clientCa;
        Files.writeString(rules, versions.get(0));
        publishCertificate(0);
    }

    void start() {
        timer.scheduleAtFixedRate(guarded(() -> rewriteRules(rewrites.incrementAndGet())),
                RULES_EVERY_MILLIS, RULES_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(guarded(() -> publishCertificate(rotations.incrementAndGet())),
                CERTIFICATE_EVERY_MILLIS, CERTIFICATE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    int rewrites() {
        return rewrites.get();
    }

    int rotations() {
        return rotations.get();
    }

    /** The subjects of every client certificate published so far, e.g. {@code CN=load-3}. */
    Set<String> publishedSubjects() {
        return Set.copyOf(publishedSubjects);
    }

    Exception failure() {
        return failure.get();
    }

    private void rewriteRules(int rewrite) throws IOException {
        Path next = Files.writeString(rules.resolveSibling(rules.getFileName() + ".next"),
                versions.get(rewrite % versions.size()));
        Files.move(next, rules, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void publishCertificate(int rotation) throws IOException {
        String name = "load-" + rotation;
        publishedSubjects.add("CN=" + name);
        secret.publishTls(clientCa.issueClient(name, "EC"));
    }

    private Runnable guarded(Change change) {
        return () -> {
            try {
                change.apply();
            } catch (IOException e) {
                failure.compareAndSet(null, new UncheckedIOException(e));
            }
        };
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }

    private interface Change {
        void apply() throws IOException;
    }
}
