package org.tlsorigination.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The families name their advice and helpers by strings, which no compiler checks: this does. */
class FamiliesTest {

    @Test
    void everyAdviceAndHelperAFamilyNamesIsAClassOfTheAgent() {
        List<ClientFamily> families = new ArrayList<>(Families.all());
        families.add(Families.appTls());
        int named = 0;
        for (ClientFamily family : families) {
            List<String> classes = new ArrayList<>(family.helpers());
            for (ClientFamily.Generation generation : family.generations()) {
                classes.addAll(generation.helpers());
                for (Hook hook : generation.hooks()) {
                    if (hook.advice() != null) {
                        classes.add(hook.advice());
                    }
                }
            }
            for (String name : classes) {
                assertNotNull(FamiliesTest.class.getClassLoader().getResource(name.replace('.', '/') + ".class"),
                        family + " names " + name + ", which the agent lacks");
                named++;
            }
        }
        assertTrue(named > 100, named + " names");
    }
}
