package org.tlsorigination.agent.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.tlsorigination.agent.bootstrap.ConnectGuard;

/**
 * The hosts and ports no rule declares that the app connected to, each with its count and the first class that
 * connected, and whether the app secures them itself. A TCP connect does not tell whether TLS follows, so a
 * destination the app hands to its own TLS (a JDK client socket or engine for that host and port) is set apart from
 * the plain-text ones. Lock-free open addressing: a destination already seen costs a probe and an increment, and only
 * the first sighting of one allocates. At most {@link #LIMIT} destinations are kept; connects to others are only
 * counted as unlisted.
 */
public final class PlainTextDestinations {
    public static final int LIMIT = 1000;
    public static final PlainTextDestinations SEEN = new PlainTextDestinations(LIMIT);

    private final int limit;
    private final AtomicReferenceArray<Destination> slots;
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong unlisted = new AtomicLong();

    PlainTextDestinations(int limit) {
        this.limit = limit;
        this.slots = new AtomicReferenceArray<>(Integer.highestOneBit(limit * 2 - 1) << 1);
    }

    /** One destination, as the report lists it. */
    public static final class Destination {
        private final String host;
        private final int port;
        private final String firstCaller;
        private final AtomicLong connections = new AtomicLong();
        private volatile boolean securedByApp;

        private Destination(String host, int port, String firstCaller) {
            this.host = host;
            this.port = port;
            this.firstCaller = firstCaller;
        }

        public String host() {
            return host;
        }

        public int port() {
            return port;
        }

        public String firstCaller() {
            return firstCaller;
        }

        public long connections() {
            return connections.get();
        }

        public boolean securedByApp() {
            return securedByApp;
        }
    }

    /** A plain TCP connect to host:port, which no rule declares. */
    public void connected(String host, int port) {
        Destination destination = find(host, port);
        if (destination == null) {
            unlisted.incrementAndGet();
        } else {
            destination.connections.incrementAndGet();
        }
    }

    /** The app made its own TLS client socket or engine for host:port, which no rule declares. */
    public void securedByApp(String host, int port) {
        Destination destination = find(host, port);
        if (destination != null && !destination.securedByApp) {
            destination.securedByApp = true;
        }
    }

    /** The connects to listed destinations that the app does not secure itself. */
    public long plainTextConnections() {
        long total = 0;
        for (int i = 0; i < slots.length(); i++) {
            Destination destination = slots.get(i);
            if (destination != null && !destination.securedByApp) {
                total += destination.connections.get();
            }
        }
        return total;
    }

    /** Connects to destinations beyond {@link #LIMIT}, whose host and port were not kept. */
    public long unlistedConnections() {
        return unlisted.get();
    }

    public boolean full() {
        return size.get() >= limit;
    }

    public int limit() {
        return limit;
    }

    /** Every destination kept so far, in no particular order. */
    public List<Destination> snapshot() {
        List<Destination> all = new ArrayList<>();
        for (int i = 0; i < slots.length(); i++) {
            Destination destination = slots.get(i);
            if (destination != null) {
                all.add(destination);
            }
        }
        return all;
    }

    private Destination find(String host, int port) {
        int mask = slots.length() - 1;
        for (int i = hash(host, port) & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
            Destination destination = slots.get(i);
            if (destination == null) {
                if (size.incrementAndGet() > limit) {
                    size.decrementAndGet();
                    return null;
                }
                Destination seen = new Destination(lowerAscii(host), port, ConnectGuard.caller());
                if (slots.compareAndSet(i, null, seen)) {
                    return seen;
                }
                size.decrementAndGet();
                destination = slots.get(i);
            }
            if (destination.port == port && sameHost(destination.host, host)) {
                return destination;
            }
        }
        return null;
    }

    private static int hash(String host, int port) {
        int h = port;
        for (int i = 0; i < host.length(); i++) {
            h = 31 * h + lowerAscii(host.charAt(i));
        }
        return h ^ (h >>> 16);
    }

    private static boolean sameHost(String kept, String host) {
        if (kept.length() != host.length()) {
            return false;
        }
        for (int i = 0; i < kept.length(); i++) {
            if (lowerAscii(kept.charAt(i)) != lowerAscii(host.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Only ASCII letters fold, as in the route table, so a look-alike Unicode name stays a destination of its own. */
    private static String lowerAscii(String host) {
        StringBuilder lower = new StringBuilder(host.length());
        for (int i = 0; i < host.length(); i++) {
            lower.append(lowerAscii(host.charAt(i)));
        }
        return lower.toString();
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
