package org.tlsorigination.agent.tls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * Checks that a private key belongs to its certificate when the rules load, rather than at the first handshake, where
 * a mismatch only shows as the server's {@code decrypt_error}: the key signs a test message, and the certificate's
 * public key must verify it. This holds for every key type, RSA and EC alike.
 */
final class KeyPairMatch {
    private static final byte[] MESSAGE = "tls-origination: does this key belong to this certificate?"
            .getBytes(StandardCharsets.US_ASCII);

    private KeyPairMatch() {
    }

    static void require(PrivateKey key, Path keyFile, PublicKey certificateKey, Path certificateFile)
            throws GeneralSecurityException {
        if (!key.getAlgorithm().equals(certificateKey.getAlgorithm())) {
            throw new TlsFileException(keyFile, "is " + article(key.getAlgorithm()) + " key, but the first "
                    + "certificate in " + certificateFile + " has " + article(certificateKey.getAlgorithm()) + " key");
        }
        boolean verified;
        try {
            Signature signer = signature(key.getAlgorithm());
            signer.initSign(key);
            signer.update(MESSAGE);
            byte[] signed = signer.sign();
            Signature verifier = signature(key.getAlgorithm());
            verifier.initVerify(certificateKey);
            verifier.update(MESSAGE);
            verified = verifier.verify(signed);
        } catch (GeneralSecurityException | RuntimeException e) {
            verified = false;
        }
        if (!verified) {
            throw new TlsFileException(keyFile, "does not belong to the first certificate in " + certificateFile
                    + ": a signature it makes does not verify with that certificate's public key");
        }
    }

    /** "an RSA", "an EC", "an Ed25519": every key algorithm name starts with a vowel sound but DSA's. */
    private static String article(String algorithm) {
        return (algorithm.startsWith("D") ? "a " : "an ") + algorithm;
    }

    private static Signature signature(String keyAlgorithm) throws GeneralSecurityException {
        switch (keyAlgorithm) {
            case "RSA":
                return Signature.getInstance("SHA256withRSA");
            case "EC":
                return Signature.getInstance("SHA256withECDSA");
            case "RSASSA-PSS":
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                return pss;
            default:
                return Signature.getInstance(keyAlgorithm);
        }
    }
}
