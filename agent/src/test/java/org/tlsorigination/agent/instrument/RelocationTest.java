package org.tlsorigination.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;

/** A copy of a library relocated under a prefix is recognised by its names after the prefix and checked the same way. */
class RelocationTest {
    private static final String LIBRARY = "org.tlsorigination.agent.instrument.library";
    private static final String CLIENT = LIBRARY + ".Client";
    private static final Hook CONNECT = Hook.method(CLIENT, "connect", CLIENT + "$Target", "int");
    private static final ClientFamily FAMILY = ClientFamily.named("test", "a test family")
            .library("a test library", "1.0", null)
            .relocatable(LIBRARY)
            .hooks(CONNECT)
            .build();

    @Test
    void aHookedTypeUnderAPrefixIsTheFamilysOwnRelocated() {
        assertSame(Relocation.NONE, FAMILY.relocationOf(CLIENT));
        assertEquals("org.example.shaded.", FAMILY.relocationOf("org.example.shaded." + CLIENT).prefix());
        assertNull(FAMILY.relocationOf("org.example.shaded.Client"));
        assertNull(FAMILY.relocationOf("org.example.OtherClient"));
    }

    @Test
    void aRelocatedCopyWithEveryHookGetsTheFamilyAndItsTypesAreMovedTogether() throws Exception {
        Relocation shaded = FAMILY.relocationOf("org.example.shaded." + CLIENT);
        ClassLoader copy = loaderOf(Map.of(
                "org.example.shaded." + CLIENT, shaded.remap(classFile(CLIENT)),
                "org.example.shaded." + CLIENT + "$Target", shaded.remap(classFile(CLIENT + "$Target"))));

        assertSame(FAMILY.generations().get(0), new FamilyGate(FAMILY, null).generationFor(copy, shaded, null));
        assertEquals("java.lang.String", shaded.typeName("java.lang.String"));
        assertEquals("org.example.shaded." + CLIENT, shaded.typeName(CLIENT));
    }

    @Test
    void theOriginalHooksDoNotFitARelocatedCopy() throws Exception {
        Relocation shaded = Relocation.under("org.example.shaded.", List.of(LIBRARY));
        // Moved under the prefix, but its argument type left where it was: not the structure the hook names.
        ClassLoader halfMoved = loaderOf(Map.of("org.example.shaded." + CLIENT,
                Relocation.under("org.example.shaded.", List.of(CLIENT)).remap(classFile(CLIENT))));

        assertNull(new FamilyGate(FAMILY, null).generationFor(halfMoved, shaded, null));
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
