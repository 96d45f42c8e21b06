package org.tlsorigination.agent.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.tlsorigination.agent.files.FileKind;

/**
 * A certificate, key or CRL file read within its kind's bound, split into its PEM blocks. Text around the blocks is
 * ignored, as OpenSSL does; a file without any block is kept whole, as DER.
 */
final class PemFile {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private final Path file;
    private final byte[] content;
    private final List<Block> blocks;

    private PemFile(Path file, byte[] content, List<Block> blocks) {
        this.file = file;
        this.content = content;
        this.blocks = blocks;
    }

    /** One {@code -----BEGIN label-----} block, decoded. */
    static final class Block {
        final String label;
        final byte[] der;
        /** True when the block carries headers, as the legacy encrypted form ({@code Proc-Type: 4,ENCRYPTED}) does. */
        final boolean hasHeaders;

        private Block(String label, byte[] der, boolean hasHeaders) {
            this.label = label;
            this.der = der;
            this.hasHeaders = hasHeaders;
        }
    }

    static PemFile read(Path file, FileKind kind) throws IOException, TlsFileException {
        byte[] content;
        try {
            content = kind.read(file);
        } catch (IOException e) {
            throw new TlsFileException(file, e.getMessage());
        }
        if (content.length == 0) {
            throw new TlsFileException(file, "is empty");
        }
        return new PemFile(file, content, blocks(file, new String(content, StandardCharsets.ISO_8859_1)));
    }

    private static List<Block> blocks(Path file, String text) throws TlsFileException {
        List<Block> blocks = new ArrayList<>();
        for (int begin = text.indexOf(BEGIN); begin >= 0; begin = text.indexOf(BEGIN, begin + 1)) {
            int labelEnd = text.indexOf(DASHES, begin + BEGIN.length());
            int lineEnd = text.indexOf('\n', begin);
            if (labelEnd < 0 || lineEnd >= 0 && labelEnd > lineEnd) {
                throw new TlsFileException(file, "has a BEGIN line that is not PEM");
            }
            String label = text.substring(begin + BEGIN.length(), labelEnd);
            String endLine = END + label + DASHES;
            int bodyStart = labelEnd + DASHES.length();
            int end = text.indexOf(endLine, bodyStart);
            if (end < 0) {
                throw new TlsFileException(file, "has a " + label + " block without its END line");
            }
            String body = text.substring(bodyStart, end);
            try {
                blocks.add(new Block(label, Base64.getMimeDecoder().decode(body), body.indexOf(':') >= 0));
            } catch (IllegalArgumentException e) {
                throw new TlsFileException(file, "has a " + label + " block that is not valid base64");
            }
            begin = end;
        }
        return blocks;
    }

    Path file() {
        return file;
    }

    boolean isPem() {
        return !blocks.isEmpty();
    }

    /** The whole file, for DER input. */
    byte[] content() {
        return content;
    }

    List<Block> blocks(Set<String> labels) {
        return blocks.stream().filter(b -> labels.contains(b.label)).collect(Collectors.toList());
    }

    /** A problem that says what the file holds instead of {@code wanted}, e.g. {@code "certificate (CERTIFICATE)"}. */
    TlsFileException holdsNo(String wanted) {
        if (!isPem()) {
            return new TlsFileException(file, "holds no PEM block and is not DER either; it should hold a " + wanted);
        }
        Set<String> held = new LinkedHashSet<>();
        for (Block block : blocks) {
            held.add(describe(block.label) + " (" + block.label + ")");
        }
        return new TlsFileException(file, "holds " + String.join(" and ", held) + " but no " + wanted);
    }

    private static String describe(String label) {
        switch (label) {
            case "CERTIFICATE": return "a certificate";
            case "X509 CRL": return "a CRL";
            case "PUBLIC KEY": return "a public key";
            case "CERTIFICATE REQUEST": return "a certificate request";
            default: return label.endsWith("PRIVATE KEY") ? "a private key" : "a block";
        }
    }
}
