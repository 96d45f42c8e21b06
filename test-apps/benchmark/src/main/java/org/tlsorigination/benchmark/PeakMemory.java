package org.tlsorigination.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/** The process's peak resident set size, as Linux counts it ({@code VmHWM}). */
final class PeakMemory {

    private PeakMemory() {
    }

    static long residentKilobytes() throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
