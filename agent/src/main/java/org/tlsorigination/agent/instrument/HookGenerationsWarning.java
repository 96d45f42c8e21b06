package org.tlsorigination.agent.instrument;

import java.util.List;
import net.bytebuddy.pool.TypePool;
import org.tlsorigination.agent.Log;

/**
 * For a library whose lines connect in different places: warns unless the loader has every hook of at least one
 * generation.
 */
public final class HookGenerationsWarning extends LibraryVersionCheck {
    private final List<List<Hook>> generations;

    public HookGenerationsWarning(String library, String markerType, String versionResource,
                                  List<List<Hook>> generations) {
        super(library, markerType, versionResource);
        this.generations = generations;
    }

    @Override
    void check(TypePool types, String found) {
        for (List<Hook> generation : generations) {
            if (generation.stream().allMatch(hook -> declares(types, hook))) {
                Log.debug(found + ": instrumenting " + generation);
                return;
            }
        }
        Log.warn(found + " cannot be instrumented: it has none of " + generations + CONSEQUENCE);
    }
}
