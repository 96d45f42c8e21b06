package org.tlsorigination.agent.route;

import java.util.Map;

/**
 * Host names and wildcard suffixes with their ports' decisions, looked up by a part of a name without allocating:
 * the caller hashes the part as {@link String#hashCode()} would hash it in lower case, and the index compares it
 * ignoring ASCII case. Keys are stored in lower case. A lookup of a name that no key equals reads one array slot, as
 * 0 marks a free slot.
 */
final class HostIndex {
    private static final int FREE = 0;

    private final String[] keys;
    private final int[] hashes;
    private final int[][] ports;
    private final Decision[][] decisions;
    private final int mask;
    private final int size;
    /** Bit n: some key is n characters long; bit 63: some key is 63 or longer. */
    private final long keyLengths;

    HostIndex(Map<String, Map<Integer, Decision>> hosts) {
        size = hosts.size();
        int capacity = Integer.highestOneBit(Math.max(1, hosts.size()) * 2 - 1) << 1;
        keys = new String[capacity];
        hashes = new int[capacity];
        ports = new int[capacity][];
        decisions = new Decision[capacity][];
        mask = capacity - 1;
        long lengths = 0;
        for (Map.Entry<String, Map<Integer, Decision>> host : hosts.entrySet()) {
            String key = host.getKey();
            Map<Integer, Decision> byPort = host.getValue();
            int slot = slot(key.hashCode());
            while (hashes[slot] != FREE) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            hashes[slot] = stored(key.hashCode());
            lengths |= lengthBit(key.length());
            ports[slot] = new int[byPort.size()];
            decisions[slot] = new Decision[byPort.size()];
            int i = 0;
            for (Map.Entry<Integer, Decision> entry : byPort.entrySet()) {
                ports[slot][i] = entry.getKey();
                decisions[slot][i++] = entry.getValue();
            }
        }
        keyLengths = lengths;
    }

    /**
     * The decision for {@code port} of the key equal to {@code name[from, end)}, null when no key is, or
     * {@link Decision#UNDECLARED} when the key has no such port.
     */
    Decision find(String name, int from, int end, int hash, int port) {
        int wanted = stored(hash);
        for (int slot = slot(hash); hashes[slot] != FREE; slot = (slot + 1) & mask) {
            if (hashes[slot] == wanted && equalsIgnoringAsciiCase(keys[slot], name, from, end)) {
                int[] declared = ports[slot];
                for (int i = 0; i < declared.length; i++) {
                    if (declared[i] == port) {
                        return decisions[slot][i];
                    }
                }
                return Decision.UNDECLARED;
            }
        }
        return null;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** False when no key has {@code length} characters, so a lookup would find nothing. */
    boolean mayHoldKeyOfLength(int length) {
        return (keyLengths & lengthBit(length)) != 0;
    }

    private static long lengthBit(int length) {
        return 1L << Math.min(length, 63);
    }

    /** A key's hash as stored: never {@link #FREE}. */
    private static int stored(int hash) {
        return hash == FREE ? 1 : hash;
    }

    /** The lower-case ASCII letter for an upper-case one; any other character as it is. */
    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private int slot(int hash) {
        return (hash ^ (hash >>> 16)) & mask;
    }

    private static boolean equalsIgnoringAsciiCase(String key, String name, int from, int end) {
        if (key.length() != end - from) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) != lower(name.charAt(from + i))) {
                return false;
            }
        }
        return true;
    }
}
