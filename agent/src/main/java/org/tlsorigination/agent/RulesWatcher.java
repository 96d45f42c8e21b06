package org.tlsorigination.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.tlsorigination.agent.config.ConfigException;
import org.tlsorigination.agent.config.Settings;
import org.tlsorigination.agent.files.FileKind;
import org.tlsorigination.agent.metrics.AgentCounters;

/**
 * Reloads the rules when the rules file, or any certificate, key, CA or CRL file it names, changes content. It
 * polls by path rather than watching inodes: a Kubernetes ConfigMap or Secret volume swaps a {@code ..data}
 * symlink and an editor renames a new file over the old, and a watch on the replaced file would miss every
 * rotation after the first. Files are read within their limits, so a pipe, a device or a huge file cannot block or
 * exhaust the thread. A version that does not load, for whatever reason down to an {@link OutOfMemoryError}, keeps
 * the last good rules and is retried on every poll, with its error logged once; the thread only ends when
 * interrupted, and says so.
 */
final class RulesWatcher implements Runnable {
    /** Loads the current version of the rules. */
    interface Loader {
        RulesRouter load() throws ConfigException;
    }

    private final Loader loader;
    private final Consumer<RulesRouter> install;
    private final long intervalMillis;
    private final Path rulesFile;
    private RulesRouter installed;
    private List<Path> files;
    private byte[] loadedFingerprint;
    private String lastError;

    RulesWatcher(Loader loader, Consumer<RulesRouter> install, long intervalMillis, Path rulesFile,
                 RulesRouter installed) {
        this.loader = loader;
        this.install = install;
        this.intervalMillis = intervalMillis;
        this.rulesFile = rulesFile;
        this.installed = installed;
        this.files = installed.files();
        this.loadedFingerprint = fingerprint(files);
    }

    static void start(Settings settings, RulesRouter installed) {
        Thread thread = new Thread(new RulesWatcher(() -> RulesRouter.load(settings), RulesRouter::install,
                settings.reloadIntervalMillis(), settings.rules(), installed), "tls-origination-reload");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (true) {
                Thread.sleep(intervalMillis);
                try {
                    if (lastError != null || !Arrays.equals(loadedFingerprint, fingerprint(files))) {
                        reload();
                    }
                } catch (Throwable failure) {
                    survive(failure);
                }
            }
        } catch (InterruptedException e) {
            Log.warn("the reload thread was interrupted and has stopped: changes to " + rulesFile
                    + " and the files it names are no longer applied");
        } catch (Throwable failure) {
            Log.error("the reload thread has stopped (" + failure + "): changes to " + rulesFile
                    + " and the files it names are no longer applied");
        }
    }

    private void reload() {
        RulesRouter router;
        try {
            router = loader.load();
        } catch (ConfigException e) {
            failed(e.getMessage());
            return;
        }
        byte[] fingerprint = fingerprint(router.files());
        if (lastError == null && Arrays.equals(fingerprint, loadedFingerprint)) {
            return;
        }
        install.accept(router);
        String changes = router.changesSince(installed);
        installed = router;
        files = router.files();
        loadedFingerprint = fingerprint;
        lastError = null;
        AgentCounters.AGENT.reloadSucceeded();
        router.rules().warnings().forEach(Log::warn);
        Log.info("reloaded " + router.rules().table().size() + " TLS origination rules from " + rulesFile + ": "
                + changes);
    }

    private void survive(Throwable failure) {
        try {
            failed("cannot reload the rules: " + describe(failure));
        } catch (Throwable unprintable) {
            // Not even the message fits in the heap; the next poll tries again all the same.
            lastError = "unprintable";
        }
    }

    /** Logs an error once, however many polls in a row meet it. */
    private void failed(String error) {
        if (!error.equals(lastError)) {
            AgentCounters.AGENT.reloadFailed();
            Log.error(error + "; keeping the last good rules until the file changes");
        }
        lastError = error;
    }

    private static String describe(Throwable failure) {
        if (failure instanceof OutOfMemoryError) {
            return "out of memory (" + failure.getMessage() + ")";
        }
        return failure instanceof StackOverflowError ? "out of stack" : failure.toString();
    }

    /**
     * Every file's path and content, so a rotation is seen however the file was replaced. The files are small and
     * bounded, and comparing them whole needs no digest, whose security provider would load at start-up.
     */
    private static byte[] fingerprint(List<Path> files) {
        ByteArrayOutputStream contents = new ByteArrayOutputStream();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            contents.writeBytes(file.toString().getBytes(StandardCharsets.UTF_8));
            byte[] content;
            try {
                content = (i == 0 ? FileKind.RULES : FileKind.CERTIFICATES).read(file);
                contents.write(1);
            } catch (IOException e) {
                // Why it cannot be read, so that a change between readable and not is a change too.
                content = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
                contents.write(0);
            }
            contents.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(content.length).array());
            contents.writeBytes(content);
        }
        return contents.toByteArray();
    }
}
