package org.tlsorigination.agent.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.tlsorigination.agent.files.FileKind;

/**
 * Reads a private key from a PEM file: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 RSA ({@code RSA PRIVATE KEY}) or SEC1 EC
 * ({@code EC PRIVATE KEY}). The JDK reads only PKCS#8, so the other two are wrapped into it. Messages name the file
 * and the problem, never key material.
 */
final class PemPrivateKey {
    private static final byte SEQUENCE = 0x30;
    private static final byte INTEGER = 0x02;
    private static final byte OCTET_STRING = 0x04;
    private static final byte OBJECT_IDENTIFIER = 0x06;
    private static final byte EC_PARAMETERS_TAG = (byte) 0xa0;
    private static final byte[] RSA_ENCRYPTION = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d,
        0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private static final Set<String> LABELS = Set.of("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY");
    private static final Set<String> ENCRYPTED = Set.of("ENCRYPTED PRIVATE KEY");

    private PemPrivateKey() {
    }

    /**
     * @param certificateKey the public key of the certificate this key belongs to: a SEC1 key that does not name its
     *     curve (as written from inside a PKCS#8 key) takes the certificate's
     */
    static PrivateKey read(Path file, PublicKey certificateKey) throws IOException, GeneralSecurityException {
        PemFile pem = PemFile.read(file, FileKind.PRIVATE_KEY);
        List<PemFile.Block> keys = pem.blocks(LABELS);
        if (!pem.blocks(ENCRYPTED).isEmpty() || keys.stream().anyMatch(block -> block.hasHeaders)) {
            throw new TlsFileException(file, "is an encrypted private key, which is not supported; mount it unencrypted");
        }
        if (keys.isEmpty()) {
            throw pem.holdsNo("private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
        }
        PemFile.Block key = keys.get(0);
        switch (key.label) {
            case "PRIVATE KEY":
                return pkcs8(file, key.der);
            case "RSA PRIVATE KEY":
                return pkcs8(file, privateKeyInfo(der(SEQUENCE, RSA_ENCRYPTION), key.der));
            default:
                byte[] curve = curveOf(file, key.der);
                byte[] algorithm = curve != null ? der(SEQUENCE, concat(EC_PUBLIC_KEY, curve))
                        : algorithmOf(file, certificateKey);
                return pkcs8(file, privateKeyInfo(algorithm, key.der));
        }
    }

    private static PrivateKey pkcs8(Path file, byte[] encoded) throws GeneralSecurityException {
        for (String algorithm : new String[] {"RSA", "EC", "RSASSA-PSS", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(encoded));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm; try the next
            }
        }
        throw new TlsFileException(file, "holds a private key this JVM cannot read (it reads RSA, EC and Ed25519)");
    }

    /** PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, algorithm AlgorithmIdentifier, privateKey OCTET STRING } */
    private static byte[] privateKeyInfo(byte[] algorithm, byte[] privateKey) {
        return der(SEQUENCE, concat(new byte[] {INTEGER, 1, 0}, algorithm, der(OCTET_STRING, privateKey)));
    }

    /** SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING } */
    private static byte[] algorithmOf(Path file, PublicKey certificateKey) throws GeneralSecurityException {
        if (!"EC".equals(certificateKey.getAlgorithm())) {
            throw new TlsFileException(file, "is an EC key without its curve, and the certificate's "
                    + certificateKey.getAlgorithm() + " key cannot say which");
        }
        byte[] info = certificateKey.getEncoded();
        int[] cursor = {0};
        enter(info, cursor, SEQUENCE);
        int start = cursor[0];
        skip(info, cursor, SEQUENCE);
        return Arrays.copyOfRange(info, start, cursor[0]);
    }

    /**
     * ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] parameters (the curve's OID), ... }
     *
     * @return the curve's OID, or null when the key does not name it
     */
    private static byte[] curveOf(Path file, byte[] sec1) throws GeneralSecurityException {
        int[] cursor = {0};
        try {
            enter(sec1, cursor, SEQUENCE);
            skip(sec1, cursor, INTEGER);
            skip(sec1, cursor, OCTET_STRING);
            if (cursor[0] < sec1.length && sec1[cursor[0]] == EC_PARAMETERS_TAG) {
                enter(sec1, cursor, EC_PARAMETERS_TAG);
                int start = cursor[0];
                skip(sec1, cursor, OBJECT_IDENTIFIER);
                return Arrays.copyOfRange(sec1, start, cursor[0]);
            }
        } catch (IndexOutOfBoundsException | GeneralSecurityException e) {
            throw new TlsFileException(file, "has a malformed EC PRIVATE KEY block");
        }
        return null;
    }

    private static void enter(byte[] der, int[] cursor, byte tag) throws GeneralSecurityException {
        expect(der, cursor, tag);
        length(der, cursor);
    }

    private static void skip(byte[] der, int[] cursor, byte tag) throws GeneralSecurityException {
        expect(der, cursor, tag);
        int length = length(der, cursor);
        cursor[0] += length;
    }

    private static void expect(byte[] der, int[] cursor, byte tag) throws GeneralSecurityException {
        if (cursor[0] >= der.length || der[cursor[0]] != tag) {
            throw new GeneralSecurityException("malformed DER");
        }
        cursor[0]++;
    }

    private static int length(byte[] der, int[] cursor) throws GeneralSecurityException {
        int first = der[cursor[0]++] & 0xff;
        int length = first;
        if (first >= 0x80) {
            length = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                length = (length << 8) | (der[cursor[0]++] & 0xff);
            }
        }
        if (length < 0 || cursor[0] + length > der.length) {
            throw new GeneralSecurityException("malformed DER");
        }
        return length;
    }

    private static byte[] der(byte tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
