package org.tlsorigination.agent.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemPrivateKeyTest {

    @TempDir
    Path dir;

    @Test
    void readsPkcs8() throws Exception {
        KeyPair keys = generate("EC");

        PrivateKey read = PemPrivateKey.read(pem("PRIVATE KEY", keys.getPrivate().getEncoded()), keys.getPublic());

        assertArrayEquals(keys.getPrivate().getEncoded(), read.getEncoded());
    }

    @Test
    void readsPkcs1Rsa() throws Exception {
        KeyPair keys = generate("RSA");

        PrivateKey read = PemPrivateKey.read(pem("RSA PRIVATE KEY", innerKey(keys)), keys.getPublic());

        assertEquals("RSA", read.getAlgorithm());
        assertArrayEquals(keys.getPrivate().getEncoded(), read.getEncoded());
    }

    /** The copy of SEC1 inside PKCS#8 does not name its curve: the certificate's key does. */
    @Test
    void readsSec1WithoutCurveUsingTheCertificatesKey() throws Exception {
        KeyPair keys = generate("EC");

        PrivateKey read = PemPrivateKey.read(pem("EC PRIVATE KEY", innerKey(keys)), keys.getPublic());

        assertEquals("EC", read.getAlgorithm());
        assertEquals(keys.getPrivate(), read);
    }

    @Test
    void refusesEncryptedKeysWithoutRevealingThem() throws Exception {
        KeyPair keys = generate("EC");
        Path file = pem("ENCRYPTED PRIVATE KEY", keys.getPrivate().getEncoded());

        GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                () -> PemPrivateKey.read(file, keys.getPublic()));

        assertEquals(file + " is an encrypted private key, which is not supported; mount it unencrypted", e.getMessage());
        assertNoKeyMaterial(e, keys);
    }

    @Test
    void malformedSec1NamesTheFileButNotTheKey() throws Exception {
        KeyPair keys = generate("EC");
        byte[] truncated = Arrays.copyOf(innerKey(keys), 20);
        Path file = pem("EC PRIVATE KEY", truncated);

        GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                () -> PemPrivateKey.read(file, keys.getPublic()));

        assertEquals(file + " has a malformed EC PRIVATE KEY block", e.getMessage());
        assertNoKeyMaterial(e, keys);
    }

    private static void assertNoKeyMaterial(Exception e, KeyPair keys) {
        String encoded = Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
        assertFalse(e.getMessage().contains(encoded.substring(20, 40)), e.getMessage());
    }

    private static KeyPair generate(String algorithm) throws GeneralSecurityException {
        return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
    }

    /** The key inside PKCS#8's last field: PKCS#1 for RSA, SEC1 for EC. */
    private static byte[] innerKey(KeyPair keys) {
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        int[] at = {0};
        header(pkcs8, at);
        for (int field = 0; field < 2; field++) {
            int skipped = header(pkcs8, at);
            at[0] += skipped;
        }
        int length = header(pkcs8, at);
        return Arrays.copyOfRange(pkcs8, at[0], at[0] + length);
    }

    /** Reads one tag and length, leaving {@code at} on the content; returns the content's length. */
    private static int header(byte[] der, int[] at) {
        at[0]++;
        int first = der[at[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[at[0]++] & 0xff);
        }
        return length;
    }

    private Path pem(String label, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return Files.writeString(dir.resolve("key.pem"),
                "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n");
    }
}
