package org.tlsorigination.agent.definer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;

/**
 * Defines a class in another's class loader, the one right the agent needs beyond the JDK's public API. The agent
 * loads this class in a class loader of its own, whose module alone is granted access to {@code java.lang}: the
 * app's classes, on the class path beside the agent jar, gain nothing. It speaks JDK types only.
 */
public final class ClassDefiner {
    private final Method findLoadedClass;
    private final Method defineClass;
    private final Method defineInBootLoader;

    public ClassDefiner() throws NoSuchMethodException {
        findLoadedClass = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
        findLoadedClass.setAccessible(true);
        defineClass = ClassLoader.class.getDeclaredMethod("defineClass", String.class, byte[].class, int.class,
                int.class, ProtectionDomain.class);
        defineClass.setAccessible(true);
        // The boot loader has no ClassLoader object; this is the native method every defineClass ends in, and it
        // takes null for the boot loader. Defining there, rather than appending a jar to the boot class path, keeps
        // the JVM's class-data sharing on for the app's classes.
        defineInBootLoader = ClassLoader.class.getDeclaredMethod("defineClass1", ClassLoader.class, String.class,
                byte[].class, int.class, int.class, ProtectionDomain.class, String.class);
        defineInBootLoader.setAccessible(true);
    }

    /**
     * Defines {@code name} in {@code loader} (null: the boot loader), unless the loader has defined it already;
     * returns the loader's class.
     */
    public Class<?> define(ClassLoader loader, String name, byte[] classFile, ProtectionDomain domain)
            throws ReflectiveOperationException {
        Class<?> defined = findLoaded(loader, name);
        if (defined != null) {
            return defined;
        }
        try {
            return loader == null
                    ? (Class<?>) defineInBootLoader.invoke(null, null, name, classFile, 0, classFile.length, domain, null)
                    : (Class<?>) defineClass.invoke(loader, name, classFile, 0, classFile.length, domain);
        } catch (InvocationTargetException e) {
            // Another thread defined it first.
            defined = findLoaded(loader, name);
            if (e.getCause() instanceof LinkageError && defined != null) {
                return defined;
            }
            throw e;
        }
    }

    private Class<?> findLoaded(ClassLoader loader, String name) throws ReflectiveOperationException {
        if (loader != null) {
            return (Class<?>) findLoadedClass.invoke(loader, name);
        }
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
