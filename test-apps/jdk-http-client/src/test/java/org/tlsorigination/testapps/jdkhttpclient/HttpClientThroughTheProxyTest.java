package org.tlsorigination.testapps.jdkhttpclient;

import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ThroughTheProxyContract;

/** java.net.http through squid, with the JVM's proxy settings given to the client as its proxy selector. */
@AppUnderTest(value = HttpClientGet.class, pageLine = HttpClientSpecificsTest.PAGE)
class HttpClientThroughTheProxyTest extends ThroughTheProxyContract {

    @Override
    protected ChildJvm throughProxy(ChildJvm app, int port) {
        return super.throughProxy(app.args("--default-proxy"), port);
    }

    /**
     * The client sends Basic credentials to a proxy in a tunnel only where {@code jdk.http.auth.tunneling
     * .disabledSchemes} allows it, as for its own https; the README says an originated request needs the same.
     */
    @Override
    protected ChildJvm withProxyLogin(ChildJvm app, String user, String password) {
        return super.withProxyLogin(app, user, password).systemProperty("jdk.http.auth.tunneling.disabledSchemes", "");
    }
}
