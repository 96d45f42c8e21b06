package org.tlsorigination.agent.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

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

    private PemPrivateKey() {
    }

    /**
     * @param certificateKey the public key of the certificate this key belongs to: a SEC1 key that does not name its
     *     curve (as written from inside a PKCS#8 key) takes the certificate's
     */
    static PrivateKey read(Path file, PublicKey certificateKey) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (pem.contains("ENCRYPTED")) {
            throw new GeneralSecurityException(file + ": encrypted private keys are not supported; mount it unencrypted");
        }
        if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
            return pkcs8(file, body(file, pem, "PRIVATE KEY"));
        }
        if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            byte[] algorithm = der(SEQUENCE, RSA_ENCRYPTION);
            return pkcs8(file, privateKeyInfo(algorithm, body(file, pem, "RSA PRIVATE KEY")));
        }
        if (pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
            byte[] sec1 = body(file, pem, "EC PRIVATE KEY");
            byte[] curve = curveOf(file, sec1);
            byte[] algorithm = curve != null ? der(SEQUENCE, concat(EC_PUBLIC_KEY, curve))
                    : algorithmOf(file, certificateKey);
            return pkcs8(file, privateKeyInfo(algorithm, sec1));
        }
        throw new GeneralSecurityException(file + ": no PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    private static byte[] body(Path file, String pem, String label) throws GeneralSecurityException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin) + begin.length();
        int to = pem.indexOf(end, from);
        if (to < 0) {
            throw new GeneralSecurityException(file + ": " + label + " block has no END line");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from, to));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException(file + ": " + label + " block is not valid base64");
        }
    }

    private static PrivateKey pkcs8(Path file, byte[] encoded) throws GeneralSecurityException {
        for (String algorithm : new String[] {"RSA", "EC", "RSASSA-PSS", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(encoded));
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw new GeneralSecurityException(file + ": not a private key this JVM can read (RSA, EC, Ed25519)");
    }

    /** PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, algorithm AlgorithmIdentifier, privateKey OCTET STRING } */
    private static byte[] privateKeyInfo(byte[] algorithm, byte[] privateKey) {
        return der(SEQUENCE, concat(new byte[] {INTEGER, 1, 0}, algorithm, der(OCTET_STRING, privateKey)));
    }

    /** SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING } */
    private static byte[] algorithmOf(Path file, PublicKey certificateKey) throws GeneralSecurityException {
        if (!"EC".equals(certificateKey.getAlgorithm())) {
            throw new GeneralSecurityException(file + ": an EC key does not belong to a "
                    + certificateKey.getAlgorithm() + " certificate");
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
            throw new GeneralSecurityException(file + ": malformed EC PRIVATE KEY", e);
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
