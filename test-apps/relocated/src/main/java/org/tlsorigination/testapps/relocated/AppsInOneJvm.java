package org.tlsorigination.testapps.relocated;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs several apps of one fat jar one after the other in one JVM, as one process that uses several clients does:
 * {@code AppsInOneJvm MAIN ARGS... --then MAIN ARGS...}. Before each app it prints {@code == MAIN ARGS...}; an app
 * that fails exits the JVM as it would alone.
 */
public final class AppsInOneJvm {
    static final String THEN = "--then";

    private AppsInOneJvm() {
    }

    public static void main(String[] args) throws Throwable {
        List<String> app = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals(THEN)) {
                run(app);
                app.clear();
            } else {
                app.add(arg);
            }
        }
        run(app);
        // An app's client may leave threads of its own behind, which would keep the JVM alive.
        System.exit(0);
    }

    private static void run(List<String> app) throws Throwable {
        System.out.println("== " + String.join(" ", app));
        try {
            Class.forName(app.get(0)).getMethod("main", String[].class)
                    .invoke(null, (Object) app.subList(1, app.size()).toArray(new String[0]));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        System.out.flush();
    }
}
