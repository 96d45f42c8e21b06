package org.tlsorigination.testapps.harness;

import java.nio.charset.StandardCharsets;

/** The stand-in's answer to any TLS request: a fixed ASCII page as long as the seed's. */
final class PoliticsPage {

    /** The {@code Content-Length} edition.cnn.com sent for /politics in the seed's output. */
    static final int LENGTH = 151_654;

    private static final String HEAD = "<!DOCTYPE html>\n"
            + "<html lang=\"en\">\n"
            + "<head><meta charset=\"utf-8\"><title>Politics - stand-in for edition.cnn.com</title></head>\n"
            + "<body>\n"
            + "<h1>Politics</h1>\n"
            + "<p>Served by the local stand-in for edition.cnn.com over TLS.</p>\n"
            + "<!-- padding to the seed's Content-Length\n";
    private static final String TAIL = "\n-->\n</body>\n</html>\n";
    private static final String PADDING_LINE = "................................................................\n";

    private static final byte[] BODY = render(LENGTH);

    private PoliticsPage() {
    }

    /** The page's bytes; callers must not modify the array. */
    static byte[] body() {
        return BODY;
    }

    /** The same page padded to {@code length} bytes, at least its head and tail. */
    static byte[] render(int length) {
        StringBuilder page = new StringBuilder(length).append(HEAD);
        int paddingLength = Math.max(0, length - HEAD.length() - TAIL.length());
        while (page.length() - HEAD.length() + PADDING_LINE.length() <= paddingLength) {
            page.append(PADDING_LINE);
        }
        while (page.length() - HEAD.length() < paddingLength) {
            page.append('.');
        }
        return page.append(TAIL).toString().getBytes(StandardCharsets.US_ASCII);
    }
}
