package org.tlsorigination.benchmark;

import java.io.InputStream;
import java.net.URL;

/**
 * The programs whose start-up is measured, each its own main so a child JVM runs one alone: one that never connects,
 * one that fetches one page, one that loads many classes. Each prints its peak resident memory last.
 */
final class StartupPrograms {

    private StartupPrograms() {
    }

    /** Prints one line and never connects. */
    public static final class Idle {
        private Idle() {
        }

        public static void main(String[] args) throws Exception {
            System.out.println("hello");
            System.out.println("PEAK_RSS_KB " + PeakMemory.residentKilobytes());
        }
    }

    /** One HttpURLConnection fetch of the URL it is given. */
    public static final class FetchOnce {
        private FetchOnce() {
        }

        public static void main(String[] args) throws Exception {
            try (InputStream page = new URL(args[0]).openStream()) {
                System.out.println(page.readAllBytes().length + " bytes");
            }
            System.out.println("PEAK_RSS_KB " + PeakMemory.residentKilobytes());
        }
    }

    /** Loads the generated classes {@code generated.C0} to {@code generated.C<n-1>}. */
    public static final class ManyClasses {
        private ManyClasses() {
        }

        public static void main(String[] args) throws Exception {
            int count = Integer.parseInt(args[0]);
            for (int i = 0; i < count; i++) {
                Class.forName(GeneratedClasses.name(i));
            }
            System.out.println(count + " classes");
            System.out.println("PEAK_RSS_KB " + PeakMemory.residentKilobytes());
        }
    }
}
