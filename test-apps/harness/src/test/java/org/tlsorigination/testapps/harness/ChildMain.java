package org.tlsorigination.testapps.harness;

import java.net.InetAddress;

/** Runs in a child JVM for {@link ChildJvmTest}. */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("sleep")) {
            System.out.println("sleeping");
            Thread.sleep(60_000);
        }
        System.out.println(System.getProperty("child.greeting") + " " + System.getenv("CHILD_ENV") + " "
                + InetAddress.getByName(args[1]));
        System.err.println("done");
        System.exit(3);
    }
}
