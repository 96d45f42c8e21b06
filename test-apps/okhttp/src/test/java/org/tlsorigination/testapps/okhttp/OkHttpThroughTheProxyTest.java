package org.tlsorigination.testapps.okhttp;

import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ThroughTheProxyContract;

/** OkHttp through squid, with the JVM's proxy settings that its default proxy selector reads. */
@AppUnderTest(OkHttpGet.class)
class OkHttpThroughTheProxyTest extends ThroughTheProxyContract {
}
