package org.tlsorigination.agent;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.config.ConfigException;
import org.tlsorigination.agent.config.Settings;

/**
 * Reloads the rules when the rules file, or any certificate, key, CA or CRL file it names, changes content. It
 * polls by path rather than watching inodes: a Kubernetes ConfigMap or Secret volume swaps a {@code ..data}
 * symlink and an editor renames a new file over the old, and a watch on the replaced file would miss every
 * rotation after the first. A version that does not load keeps the last good rules and is retried on every poll,
 * with its error logged once.
 */
final class RulesWatcher implements Runnable {
    private final Settings settings;
    private List<Path> files;
    private byte[] loadedFingerprint;
    private String lastError;

    private RulesWatcher(Settings settings, List<Path> files) {
        this.settings = settings;
        this.files = files;
        this.loadedFingerprint = fingerprint(files);
    }

    static void start(Settings settings, List<Path> files) {
        Thread thread = new Thread(new RulesWatcher(settings, files), "tls-origination-reload");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(settings.reloadIntervalMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (lastError != null || !Arrays.equals(loadedFingerprint, fingerprint(files))) {
                reload();
            }
        }
    }

    private void reload() {
        try {
            RulesRouter router = RulesRouter.load(settings);
            byte[] fingerprint = fingerprint(router.files());
            if (lastError == null && Arrays.equals(fingerprint, loadedFingerprint)) {
                return;
            }
            Origination.install(router);
            files = router.files();
            loadedFingerprint = fingerprint;
            lastError = null;
            router.rules().warnings().forEach(Log::warn);
            Log.info("reloaded " + router.rules().table().size() + " TLS origination rules from " + settings.rules());
        } catch (ConfigException | RuntimeException e) {
            String error = e.getMessage();
            if (!error.equals(lastError)) {
                Log.error(error + "; keeping the last good rules until the file changes");
            }
            lastError = error;
        }
    }

    /**
     * Every file's path and content, so a rotation is seen however the file was replaced. The files are small and
     * bounded, and comparing them whole needs no digest, whose security provider would load at start-up.
     */
    private static byte[] fingerprint(List<Path> files) {
        ByteArrayOutputStream contents = new ByteArrayOutputStream();
        for (Path file : files) {
            contents.writeBytes(file.toString().getBytes(StandardCharsets.UTF_8));
            // java.io, not Files, for the reason RulesLoader gives: this runs before main.
            try (InputStream in = new FileInputStream(file.toFile())) {
                byte[] content = in.readAllBytes();
                contents.write(2);
                contents.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(content.length).array());
                contents.writeBytes(content);
            } catch (FileNotFoundException e) {
                contents.write(0);
            } catch (IOException e) {
                contents.write(1);
            }
        }
        return contents.toByteArray();
    }
}
