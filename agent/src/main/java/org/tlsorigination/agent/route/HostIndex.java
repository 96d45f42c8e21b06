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

    /** The value of the pattern that covers {@code host} most specifically; {@code host} may be a pattern itself. */
    @SuppressWarnings("unchecked")
    public V mostSpecific(String host) {
        int end = host.length();
        if (end > 0 && host.charAt(end - 1) == '.') {
            end--;
        }
        Object value = exactNames.get(host, 0, end);
        for (int dot = host.indexOf('.'); value == null && dot >= 0 && dot < end; dot = host.indexOf('.', dot + 1)) {
            if (suffixes.mayHoldKeyOfLength(end - dot)) {
                value = suffixes.get(host, dot, end);
            }
        }
        return (V) value;
    }

    public int size() {
        return exactNames.size + suffixes.size;
    }

    /** Open addressing over lower-case keys, probed with a region of the looked-up string. */
    private static final class Table {
        private String[] keys = new String[16];
        private Object[] values = new Object[16];
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

        Object get(String host, int from, int to) {
            int mask = keys.length - 1;
            for (int i = hash(host, from, to) & mask; keys[i] != null; i = (i + 1) & mask) {
                if (regionEquals(keys[i], host, from, to)) {
                    return values[i];
                }
            }
            return null;
        }

        Object putIfAbsent(String key, Object value) {
            Object earlier = get(key, 0, key.length());
            if (earlier != null) {
                return earlier;
            }
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            insert(key, value);
            keyLengths |= lengthBit(key.length());
            size++;
            return null;
        }

        private void insert(String key, Object value) {
            int mask = keys.length - 1;
            int i = hash(key, 0, key.length()) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = value;
        }

        private void grow() {
            String[] oldKeys = keys;
            Object[] oldValues = values;
            keys = new String[oldKeys.length * 2];
            values = new Object[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null) {
                    insert(oldKeys[i], oldValues[i]);
                }
            }
        }

        private static int hash(String s, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + lowerAscii(s.charAt(i));
            }
            return h ^ (h >>> 16);
        }

        private static boolean regionEquals(String key, String host, int from, int to) {
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
        private static char lowerAscii(char c) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
    }
}
