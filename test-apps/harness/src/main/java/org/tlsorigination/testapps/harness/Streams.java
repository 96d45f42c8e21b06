package org.tlsorigination.testapps.harness;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The byte pumps the test-side relays and proxies share: copy one socket into another, closing both at the end. */
final class Streams {
    private Streams() {
    }

    /**
     * Copies {@code from} into {@code to}, keeping what passed in {@code record} if given. The end of {@code from}'s
     * bytes is passed on as the end of {@code to}'s output, so a client that half-closes still gets its answer; the
     * two sockets close once both directions have ended, or on the first error.
     */
    static void copy(Socket from, Socket to, ByteArrayOutputStream record) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (record != null) {
                    synchronized (record) {
                        record.write(buffer, 0, n);
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
            if (!from.isOutputShutdown()) {
                return;
            }
        } catch (IOException e) {
            // one side failed or closed: closing both ends the other direction too
        }
        closeQuietly(from);
        closeQuietly(to);
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed, or closing on shutdown: nothing left to do with it
        }
    }

    /** Daemon threads named {@code <name>-1}, {@code <name>-2}, ..., so a test server never keeps a JVM alive. */
    static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
