package org.tlsorigination.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** A jar of many empty classes, as a large app's class path holds, written as class files without a compiler. */
final class GeneratedClasses {
    private static final int JAVA_11 = 55;
    private static final int PUBLIC_SUPER = 0x0021;

    private GeneratedClasses() {
    }

    static String name(int i) {
        return "generated.C" + i;
    }

    static Path writeJar(Path jar, int count) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (int i = 0; i < count; i++) {
                out.putNextEntry(new JarEntry(name(i).replace('.', '/') + ".class"));
                out.write(emptyClass(name(i).replace('.', '/')));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A public class extending Object with no members: constant pool of its name and Object's. */
    private static byte[] emptyClass(String internalName) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0xCAFEBABE);
        out.writeShort(0);
        out.writeShort(JAVA_11);
        out.writeShort(5); // constants #1 to #4
        out.writeByte(7); // #1: the class named by #2
        out.writeShort(2);
        out.writeByte(1);
        out.writeUTF(internalName);
        out.writeByte(7); // #3: the class named by #4
        out.writeShort(4);
        out.writeByte(1);
        out.writeUTF("java/lang/Object");
        out.writeShort(PUBLIC_SUPER);
        out.writeShort(1); // this class
        out.writeShort(3); // its superclass
        out.writeShort(0); // interfaces, fields, methods, attributes: none
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(0);
        out.flush();
        return bytes.toByteArray();
    }
}
