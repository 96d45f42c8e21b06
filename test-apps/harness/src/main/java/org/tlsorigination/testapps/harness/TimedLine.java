package org.tlsorigination.testapps.harness;

/** One line a child JVM printed, and when it arrived, counted from the child's start. */
public final class TimedLine {
    private final long millis;
    private final String text;

    TimedLine(long millis, String text) {
        this.millis = millis;
        this.text = text;
    }

    public long millis() {
        return millis;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return millis + " ms: " + text;
    }
}
