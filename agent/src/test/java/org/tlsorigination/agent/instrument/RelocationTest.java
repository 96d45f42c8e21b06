package org.tlsorigination.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;

/**
 * A copy of a library that a shading tool moved, under a prefix or to a package of its own, is a candidate by its
 * names below the library's root, and the family's only where its structure is there, moved the same way.
 */
class RelocationTest {
    private static final String LIBRARY = "org.tlsorigination.agent.instrument.library";
    private static final String CLIENT = LIBRARY + ".Client";
    private static final String VENDORED = "com.acme.vendor.lib.Client";
    private static final Hook CONNECT = Hook.method(CLIENT, "connect", CLIENT + "$Target", "int");
    private static final ClientFamily FAMILY = ClientFamily.named("test", "a test family", RelocationTest.class)
            .library("a test library", "1.0", null)
            .relocatable(LIBRARY)
            .hooks(CONNECT)
            .build();

    @Test
    void aHookedTypeMovedAnywhereWithItsPackagesBelowTheRootIsACandidate() {
        assertSame(Relocation.NONE, FAMILY.relocationOf(CLIENT));
        assertEquals("org.example.shaded." + CLIENT,
                FAMILY.relocationOf("org.example.shaded." + CLIENT).typeName(CLIENT));
        assertEquals(VENDORED, FAMILY.relocationOf(VENDORED).typeName(CLIENT));
        assertEquals(CLIENT, FAMILY.relocationOf(VENDORED).originalName(VENDORED));
        assertNull(FAMILY.relocationOf("org.example.OtherClient"));
    }

    @Test
    void aPrefixOrAReplacedPackageMovesEveryRootThatCanMoveTheSameWay() {
        List<String> okhttp = List.of("okhttp3", "okio");
        Relocation prefixed = Relocation.of("okhttp3", "org.example.shaded.okhttp3", okhttp);
        Relocation replaced = Relocation.of("okhttp3", "com.acme.shaded.okhttp", okhttp);
        Relocation grpc = Relocation.of("io.netty", "io.grpc.netty.shaded.io.netty", List.of("io.netty"));
        Relocation hc = Relocation.of("org.apache.hc", "com.acme.hc", List.of("org.apache.hc"));

        assertEquals("org.example.shaded.okio.ByteString", prefixed.typeName("okio.ByteString"));
        assertEquals("com.acme.shaded.okhttp.Address", replaced.typeName("okhttp3.Address"));
        assertFalse(replaced.maps("okio.ByteString"));
        assertTrue(replaced.maps("java.net.Proxy"));
        assertEquals(" relocated under io.grpc.netty.shaded", grpc.toString());
        assertEquals("com.acme.hc.core5.http.HttpHost", hc.typeName("org.apache.hc.core5.http.HttpHost"));
        assertEquals(" relocated from org.apache to com.acme", hc.toString());
        assertEquals("com/acme/hc/client5/version.properties",
                hc.resourcePath("org/apache/hc/client5/version.properties"));
        assertEquals("META-INF/maven/io.netty/netty-transport/pom.properties",
                grpc.resourcePath("META-INF/maven/io.netty/netty-transport/pom.properties"));
        assertEquals("java.lang.String", hc.typeName("java.lang.String"));
        assertNull(Relocation.of("org.apache.http", "apache.http", List.of("org.apache.http")));
    }

    @Test
    void aReplacedCopyWithEveryHookGetsTheFamilyAndItsTypesAreMovedTogether() throws Exception {
        Relocation vendored = FAMILY.relocationOf(VENDORED);
        ClassLoader copy = loaderOf(Map.of(
                VENDORED, vendored.remap(classFile(CLIENT)),
                VENDORED + "$Target", vendored.remap(classFile(CLIENT + "$Target"))));

        assertSame(FAMILY.generations().get(0), new FamilyGate(FAMILY, null).generationFor(copy, vendored, null));
    }

    @Test
    void aTypeWithoutTheLibrarysNeighboursIsNotACopy() throws Exception {
        Relocation vendored = FAMILY.relocationOf(VENDORED);
        // Moved, but the type its method takes left where it was: not the structure the hook names.
        ClassLoader halfMoved = loaderOf(Map.of(VENDORED,
                Relocation.of(CLIENT, "com.acme.vendor.lib.Client", List.of(CLIENT)).remap(classFile(CLIENT))));

        assertNull(new FamilyGate(FAMILY, null).generationFor(halfMoved, vendored, null));
    }

    private static byte[] classFile(String name) throws IOException {
        return ClassFileLocator.ForClassLoader.of(RelocationTest.class.getClassLoader()).locate(name).resolve();
    }

    /** Serves the given class files as resources, which is all the gate reads. */
    private static ClassLoader loaderOf(Map<String, byte[]> classFiles) {
        Map<String, byte[]> resources = new HashMap<>();
        classFiles.forEach((name, bytes) -> resources.put(name.replace('.', '/') + ".class", bytes));
        return new ClassLoader(null) {
            @Override
            public InputStream getResourceAsStream(String name) {
                byte[] bytes = resources.get(name);
                return bytes == null ? super.getResourceAsStream(name) : new ByteArrayInputStream(bytes);
            }
        };
    }
}
