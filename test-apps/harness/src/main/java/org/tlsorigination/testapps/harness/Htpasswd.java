package org.tlsorigination.testapps.harness;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** An htpasswd line in Apache's MD5 form ({@code $apr1$}), which squid's {@code basic_ncsa_auth} reads. */
final class Htpasswd {
    private static final String MAGIC = "$apr1$";
    private static final String ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Htpasswd() {
    }

    /** {@code user:$apr1$salt$hash}; the salt is at most 8 characters of {@link #ITOA64}. */
    static String line(String user, String password, String salt) {
        return user + ":" + apr1(password.getBytes(StandardCharsets.UTF_8), salt);
    }

    private static String apr1(byte[] password, String salt) {
        byte[] saltBytes = salt.getBytes(StandardCharsets.US_ASCII);
        MessageDigest context = md5();
        context.update(password);
        context.update(MAGIC.getBytes(StandardCharsets.US_ASCII));
        context.update(saltBytes);
        MessageDigest alternate = md5();
        alternate.update(password);
        alternate.update(saltBytes);
        alternate.update(password);
        byte[] alternateSum = alternate.digest();
        for (int left = password.length; left > 0; left -= 16) {
            context.update(alternateSum, 0, Math.min(left, 16));
        }
        for (int i = password.length; i != 0; i >>>= 1) {
            context.update((i & 1) != 0 ? 0 : password[0]);
        }
        byte[] sum = context.digest();
        for (int round = 0; round < 1000; round++) {
            MessageDigest stretch = md5();
            stretch.update((round & 1) != 0 ? password : sum);
            if (round % 3 != 0) {
                stretch.update(saltBytes);
            }
            if (round % 7 != 0) {
                stretch.update(password);
            }
            stretch.update((round & 1) != 0 ? sum : password);
            sum = stretch.digest();
        }
        StringBuilder hash = new StringBuilder(MAGIC).append(salt).append('$');
        int[][] groups = {{0, 6, 12}, {1, 7, 13}, {2, 8, 14}, {3, 9, 15}, {4, 10, 5}};
        for (int[] group : groups) {
            encode(hash, (unsigned(sum[group[0]]) << 16) | (unsigned(sum[group[1]]) << 8) | unsigned(sum[group[2]]),
                    4);
        }
        encode(hash, unsigned(sum[11]), 2);
        return hash.toString();
    }

    private static void encode(StringBuilder out, int value, int characters) {
        for (int i = 0; i < characters; i++) {
            out.append(ITOA64.charAt(value & 0x3f));
            value >>>= 6;
        }
    }

    private static int unsigned(byte b) {
        return b & 0xff;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
