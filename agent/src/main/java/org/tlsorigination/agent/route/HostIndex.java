package org.tlsorigination.agent.route;

/**
 * Host patterns (exact names and {@code *.suffix} wildcards) to values, answering which pattern covers a host most
 * specifically: the exact name, else the longest wildcard suffix. Lookups compare ASCII letters case-insensitively,
 * ignore one trailing dot and allocate nothing, so they can run on every connect.
 */
public final class HostIndex<V> {
    private final Table exactNames = new Table();
    /** Keyed by the suffix with its leading dot: {@code "*.cnn.com"} is stored as {@code ".cnn.com"}. */
    private final Table suffixes = new Table();

    /**
     * Adds {@code value} for a lower-case pattern unless the pattern already has one.
     *
     * @return the value the pattern already had, or null when this one was added
     */
    @SuppressWarnings("unchecked")
    public V putIfAbsent(String pattern, V value) {
        if (pattern.startsWith("*.")) {
            return (V) suffixes.putIfAbsent(pattern.substring(1), value);
        }
        if (pattern.indexOf('*') >= 0) {
            throw new IllegalArgumentException("only a leading '*.' wildcard is supported: " + pattern);
        }
        return (V) exactNames.putIfAbsent(pattern, value);
    }

    /**
     * The value of the pattern that covers {@code host} most specifically; {@code host} may be a pattern itself.
     * Most hosts are lower case already, and a client keeps its host's String, which caches its hash: the first look
     * takes the host as it is; only a host with an upper-case letter or a trailing dot is folded and looked up again.
     */
    @SuppressWarnings("unchecked")
    public V mostSpecific(String host) {
        Object value = lookUp(host, host.length(), host.hashCode(), false);
        if (value == null && needsFolding(host)) {
            int end = host.endsWith(".") ? host.length() - 1 : host.length();
            value = lookUp(host, end, Table.foldedHash(host, end), true);
        }
        return (V) value;
    }

    /**
     * @param hash the {@link String#hashCode()} of the host's first {@code end} characters, ASCII letters folded if
     *             {@code folding}: each suffix's hash follows from it, so the host is hashed once
     */
    private Object lookUp(String host, int end, int hash, boolean folding) {
        Object value = exactNames.get(host, 0, end, hash, folding);
        if (value != null || suffixes.size == 0) {
            return value;
        }
        int power = Table.powerOf31(end - 1);
        for (int i = 0; i < end; i++) {
            char c = host.charAt(i);
            if (c == '.' && suffixes.mayHoldKeyOfLength(end - i)) {
                value = suffixes.get(host, i, end, hash, folding);
                if (value != null) {
                    return value;
                }
            }
            hash -= (folding ? Table.lowerAscii(c) : c) * power;
            power *= Table.INVERSE_OF_31;
        }
        return null;
    }

    private static boolean needsFolding(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return true;
            }
        }
        return host.endsWith(".");
    }

    public int size() {
        return exactNames.size + suffixes.size;
    }

    /**
     * Open addressing over lower-case keys by their hash, probed with a region of the looked-up string. A probe reads
     * the hashes alone until one matches, and a match finds its key and value side by side: at 100,000 rules the
     * tables far outgrow the caches, and each array a lookup touches is a cache miss.
     */
    private static final class Table {
        /** 31 times this is 1 modulo 2^32: it takes a character's share out of a hash. */
        static final int INVERSE_OF_31 = 0xbdef7bdf;
        /** The hash of no slot: an empty one. */
        private static final int EMPTY = 0;

        private int[] hashes = new int[16];
        /** The key of slot i at 2i, its value at 2i + 1. */
        private Object[] entries = new Object[32];
        private int size;
        /** Bit n: some key is n characters long; bit 63: some key is 63 or longer. */
        private long keyLengths;

        /** False when no key is {@code length} characters long, so a probe would find nothing. */
        boolean mayHoldKeyOfLength(int length) {
            return (keyLengths & lengthBit(length)) != 0;
        }

        private static long lengthBit(int length) {
            return 1L << Math.min(length, 63);
        }

        /** The value of the key equal to the region, its ASCII letters folded if {@code folding}. */
        Object get(String host, int from, int to, int hash, boolean folding) {
            int stored = stored(hash);
            int mask = hashes.length - 1;
            for (int i = slot(stored) & mask; hashes[i] != EMPTY; i = (i + 1) & mask) {
                if (hashes[i] == stored) {
                    String key = (String) entries[2 * i];
                    if (folding ? foldedRegionEquals(key, host, from, to) : regionEquals(key, host, from, to)) {
                        return entries[2 * i + 1];
                    }
                }
            }
            return null;
        }

        Object putIfAbsent(String key, Object value) {
            int hash = key.hashCode();
            Object earlier = get(key, 0, key.length(), hash, false);
            if (earlier != null) {
                return earlier;
            }
            if (2 * (size + 1) > hashes.length) {
                grow();
            }
            insert(stored(hash), key, value);
            keyLengths |= lengthBit(key.length());
            size++;
            return null;
        }

        private void insert(int stored, Object key, Object value) {
            int mask = hashes.length - 1;
            int i = slot(stored) & mask;
            while (hashes[i] != EMPTY) {
                i = (i + 1) & mask;
            }
            hashes[i] = stored;
            entries[2 * i] = key;
            entries[2 * i + 1] = value;
        }

        private void grow() {
            int[] oldHashes = hashes;
            Object[] oldEntries = entries;
            hashes = new int[oldHashes.length * 2];
            entries = new Object[oldEntries.length * 2];
            for (int i = 0; i < oldHashes.length; i++) {
                if (oldHashes[i] != EMPTY) {
                    insert(oldHashes[i], oldEntries[2 * i], oldEntries[2 * i + 1]);
                }
            }
        }

        /** A key's hash as its slot keeps it: never {@link #EMPTY}, and equal for equal keys. */
        private static int stored(int hash) {
            return hash == EMPTY ? 1 : hash;
        }

        /** What {@link String#hashCode()} is for the first {@code end} characters, ASCII letters in lower case. */
        static int foldedHash(String s, int end) {
            int h = 0;
            for (int i = 0; i < end; i++) {
                h = 31 * h + lowerAscii(s.charAt(i));
            }
            return h;
        }

        static int powerOf31(int exponent) {
            int result = 1;
            for (int base = 31, e = exponent; e > 0; e >>= 1, base *= base) {
                if ((e & 1) != 0) {
                    result *= base;
                }
            }
            return result;
        }

        private static int slot(int hash) {
            return hash ^ (hash >>> 16);
        }

        private static boolean regionEquals(String key, String host, int from, int to) {
            return from == 0 && to == host.length() ? key.equals(host)
                    : key.length() == to - from && host.regionMatches(from, key, 0, to - from);
        }

        private static boolean foldedRegionEquals(String key, String host, int from, int to) {
            if (key.length() != to - from) {
                return false;
            }
            for (int i = 0; i < key.length(); i++) {
                if (key.charAt(i) != lowerAscii(host.charAt(from + i))) {
                    return false;
                }
            }
            return true;
        }

        /** Only ASCII letters fold: a host spelled with look-alike Unicode letters never matches a rule. */
        static char lowerAscii(char c) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
    }
}
