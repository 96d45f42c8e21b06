package org.tlsorigination.agent.route;

/**
 * Whether a host, as the app wrote it, names loopback by itself: {@code localhost}, an IPv4 literal in 127.0.0.0/8
 * in canonical dotted decimal, or an IPv6 literal (bracketed or not) equal to {@code ::1} or mapping an IPv4 loopback
 * address ({@code ::ffff:127.0.0.1}), however it is spelled. Anything else is a name, and never exempt for how it
 * starts: {@code 127.attacker.example} is a remote host, and so are non-canonical forms such as {@code 127.1} or
 * {@code 0x7f.1}, which some resolvers read as addresses. Nothing is resolved and nothing is allocated.
 */
public final class LoopbackLiteral {
    private static final int NOT_AN_ADDRESS = -1;
    private static final long IPV4_MAPPED = 0xffffL << 32;

    private LoopbackLiteral() {
    }

    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        int end = host.length();
        boolean bracketed = end >= 2 && host.charAt(0) == '[' && host.charAt(end - 1) == ']';
        if (bracketed || host.indexOf(':') >= 0) {
            return bracketed ? isIpv6Loopback(host, 1, end - 1) : isIpv6Loopback(host, 0, end);
        }
        long ipv4 = ipv4(host, 0, end);
        return ipv4 != NOT_AN_ADDRESS && ipv4 >>> 24 == 127;
    }

    /** Four decimal octets without leading zeros, or {@link #NOT_AN_ADDRESS}. */
    private static long ipv4(String s, int from, int to) {
        long address = 0;
        int octets = 0;
        int i = from;
        while (octets < 4) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + s.charAt(i++) - '0';
            }
            boolean leadingZero = i - start > 1 && s.charAt(start) == '0';
            if (i == start || leadingZero || value > 255) {
                return NOT_AN_ADDRESS;
            }
            address = address << 8 | value;
            if (++octets < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return NOT_AN_ADDRESS;
                }
                i++;
            }
        }
        return i == to ? address : NOT_AN_ADDRESS;
    }

    /** Parses groups of hex digits, one {@code ::} and a trailing IPv4 part into 128 bits held in two longs. */
    private static boolean isIpv6Loopback(String s, int from, int to) {
        long headHigh = 0;
        long headLow = 0;
        long tailHigh = 0;
        long tailLow = 0;
        int headGroups = 0;
        int tailGroups = 0;
        boolean compressed = false;
        int i = from;
        if (to - from >= 2 && s.charAt(from) == ':' && s.charAt(from + 1) == ':') {
            compressed = true;
            i += 2;
        }
        while (i < to) {
            int start = i;
            int group = 0;
            while (i < to && i - start < 4 && hexDigit(s.charAt(i)) >= 0) {
                group = group << 4 | hexDigit(s.charAt(i++));
            }
            int groupsHere;
            long value;
            if (i < to && s.charAt(i) == '.') {
                long ipv4 = ipv4(s, start, to);
                if (ipv4 == NOT_AN_ADDRESS) {
                    return false;
                }
                i = to;
                groupsHere = 2;
                value = ipv4;
            } else if (i == start) {
                return false;
            } else {
                groupsHere = 1;
                value = group;
            }
            int shift = 16 * groupsHere;
            if (compressed) {
                tailHigh = tailHigh << shift | tailLow >>> (64 - shift);
                tailLow = tailLow << shift | value;
                tailGroups += groupsHere;
            } else {
                headHigh = headHigh << shift | headLow >>> (64 - shift);
                headLow = headLow << shift | value;
                headGroups += groupsHere;
            }
            if (i < to) {
                if (s.charAt(i) != ':' || i + 1 == to) {
                    return false;
                }
                i++;
                if (s.charAt(i) == ':') {
                    if (compressed) {
                        return false;
                    }
                    compressed = true;
                    i++;
                }
            }
        }
        int groups = headGroups + tailGroups;
        if (compressed ? groups > 7 : groups != 8) {
            return false;
        }
        for (int shift = 8 - headGroups; shift > 0; shift--) {
            headHigh = headHigh << 16 | headLow >>> 48;
            headLow <<= 16;
        }
        long high = headHigh | tailHigh;
        long low = headLow | tailLow;
        return high == 0 && (low == 1 || (low & ~0xffffffffL) == IPV4_MAPPED && (low >>> 24 & 0xff) == 127);
    }

    /** ASCII only, unlike {@link Character#digit}, which also reads other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }
}
