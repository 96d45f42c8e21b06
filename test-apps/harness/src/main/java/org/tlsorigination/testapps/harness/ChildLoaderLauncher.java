package org.tlsorigination.testapps.harness;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Runs an app the way a container or a fat-jar launcher does: its classes and libraries (Netty, say) in a class
 * loader of their own, which the JVM's application class loader cannot see into.
 * Arguments: {@code <class path> <main class> [app arguments...]}.
 */
public final class ChildLoaderLauncher {

    private ChildLoaderLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        String[] entries = args[0].split(File.pathSeparator);
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            urls[i] = url(entries[i]);
        }
        // The platform loader as parent: nothing of the app resolves through the application class path.
        URLClassLoader appLoader = new URLClassLoader("app", urls, ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(appLoader);
        Method main = appLoader.loadClass(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static URL url(String entry) throws MalformedURLException {
        return Paths.get(entry).toUri().toURL();
    }
}
