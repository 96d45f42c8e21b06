package org.tlsorigination.testapps.okhttp;

import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ThroughTheProxyContract;

/**
 * OkHttp through squid, with the JVM's proxy settings that its default proxy selector reads, and through the JVM's
 * SOCKS proxy, which that selector hands it as a SOCKS {@code Proxy}.
 */
@AppUnderTest(OkHttpGet.class)
class OkHttpThroughTheProxyTest extends ThroughTheProxyContract {

    @Override
    protected ChildJvm throughSocksProxy(ChildJvm app, int port) {
        return throughTheJvmsSocksProxy(app, port);
    }
}
