package org.tlsorigination.testapps.jdk;

/** A child-JVM app that reports, for each class name, where the app's class loader finds it. */
public final class ClassVisibility {

    private ClassVisibility() {
    }

    public static void main(String[] classNames) {
        for (String name : classNames) {
            System.out.println(name + " -> " + whereIs(name));
        }
    }

    private static String whereIs(String name) {
        try {
            Class<?> type = Class.forName(name, false, ClassVisibility.class.getClassLoader());
            if (type.getClassLoader() == null) {
                return "bootstrap";
            }
            return type.getProtectionDomain().getCodeSource().getLocation().getPath();
        } catch (ClassNotFoundException e) {
            return "absent";
        }
    }
}
