package org.tlsorigination.testapps.jdk;

/** Counts how often a log line or message part appears, for "logged once" assertions. */
final class Occurrences {

    private Occurrences() {
    }

    static int of(String part, String text) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
