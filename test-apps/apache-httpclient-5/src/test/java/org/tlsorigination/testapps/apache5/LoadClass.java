package org.tlsorigination.testapps.apache5;

/** A child main that loads the named classes, as an app's first use of a library would, and prints "loaded". */
public final class LoadClass {

    private LoadClass() {
    }

    public static void main(String[] classNames) throws ClassNotFoundException {
        for (String className : classNames) {
            Class.forName(className);
        }
        System.out.println("loaded");
    }
}
