package org.tlsorigination.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.pool.TypePool;
import org.tlsorigination.agent.Log;

/**
 * For a library whose hooked types all connect: warns if none of them is there, or if one is there without its
 * hooked method.
 */
public final class MissingHookWarning extends LibraryVersionCheck {
    private final List<Hook> hooks;

    /**
     * @param hooks each hook's type may be absent in some versions, but a type that is present must have the method,
     *     and at least one of the types must be present
     */
    public MissingHookWarning(String library, String markerType, String versionResource, Hook... hooks) {
        super(library, markerType, versionResource);
        this.hooks = List.of(hooks);
    }

    @Override
    void check(TypePool types, String found) {
        List<String> missing = new ArrayList<>();
        boolean anyType = false;
        for (Hook hook : hooks) {
            if (types.describe(hook.typeName()).isResolved()) {
                anyType = true;
                if (!declares(types, hook)) {
                    missing.add(hook.toString());
                }
            }
        }
        if (!anyType) {
            Log.warn(found + " cannot be instrumented: it has none of " + hooks + CONSEQUENCE);
        } else if (!missing.isEmpty()) {
            Log.warn(found + " cannot be instrumented: it lacks " + String.join(", ", missing) + CONSEQUENCE);
        } else {
            Log.debug(found + ": instrumenting " + hooks);
        }
    }
}
