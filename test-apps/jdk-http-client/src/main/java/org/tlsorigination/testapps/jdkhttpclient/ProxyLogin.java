package org.tlsorigination.testapps.jdkhttpclient;

import java.net.Authenticator;
import java.net.PasswordAuthentication;

/** The credentials an app gives its client for its proxy, and for nothing else. */
final class ProxyLogin extends Authenticator {
    private final PasswordAuthentication login;

    private ProxyLogin(PasswordAuthentication login) {
        this.login = login;
    }

    /** From {@code USER:PASSWORD}. */
    static ProxyLogin of(String userAndPassword) {
        int colon = userAndPassword.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected USER:PASSWORD for the proxy, got " + userAndPassword);
        }
        return new ProxyLogin(new PasswordAuthentication(userAndPassword.substring(0, colon),
                userAndPassword.substring(colon + 1).toCharArray()));
    }

    @Override
    protected PasswordAuthentication getPasswordAuthentication() {
        return getRequestorType() == RequestorType.PROXY ? login : null;
    }
}
