package org.tlsorigination.agent.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * The CAs, CRLs and client identities of one version of the rules, each read and parsed once however many TLS
 * settings name the same files: 64 settings sharing a CA bundle of 4 MiB would otherwise parse it 64 times. The
 * JVM's trust store is read on a connector's first connection, which may race another's.
 */
public final class TlsMaterial {
    private final Map<List<Path>, X509TrustManager> chainChecks = new HashMap<>();
    private final Map<List<Path>, KeyManager[]> identities = new HashMap<>();

    /** Either path may be null: the JVM's trust store, no CRL. */
    synchronized X509TrustManager chainCheck(Path caCertificates, Path caCrl) throws GeneralSecurityException, IOException {
        List<Path> files = Arrays.asList(caCertificates, caCrl);
        X509TrustManager check = chainChecks.get(files);
        if (check == null) {
            check = ServerTrust.chainCheck(caCertificates, caCrl);
            chainChecks.put(files, check);
        }
        return check;
    }

    synchronized KeyManager[] keyManagers(Path certificateChain, Path privateKey) throws GeneralSecurityException, IOException {
        List<Path> files = List.of(certificateChain, privateKey);
        KeyManager[] managers = identities.get(files);
        if (managers == null) {
            managers = ClientIdentity.keyManagers(certificateChain, privateKey);
            identities.put(files, managers);
        }
        return managers;
    }
}
