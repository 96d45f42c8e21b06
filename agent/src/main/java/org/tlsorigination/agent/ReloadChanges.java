package org.tlsorigination.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import org.tlsorigination.agent.files.FileKind;
import org.tlsorigination.agent.route.RouteTable;

/** What a reload changed, in words for its log line: routes added, removed or changed, and TLS material rotated. */
final class ReloadChanges {
    private static final int NAMED = 5;
    private static final long UNREADABLE = -1;

    private ReloadChanges() {
    }

    /** A checksum of each file's content, the rules file first, to tell later which of them a reload rotated. */
    static Map<Path, Long> checksums(List<Path> files) {
        Map<Path, Long> checksums = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            checksums.put(files.get(i), checksum(files.get(i), i == 0 ? FileKind.RULES : FileKind.CERTIFICATES));
        }
        return checksums;
    }

    private static long checksum(Path file, FileKind kind) {
        try {
            CRC32 crc = new CRC32();
            crc.update(kind.read(file));
            return crc.getValue();
        } catch (IOException e) {
            return UNREADABLE;
        }
    }

    static String between(RouteTable before, Map<Path, Long> filesBefore, RouteTable after,
                          Map<Path, Long> filesAfter) {
        List<String> changes = new ArrayList<>();
        if (before.size() > OriginatingRoutes.NAMED || after.size() > OriginatingRoutes.NAMED) {
            if (before.size() != after.size()) {
                changes.add("routes " + before.size() + " before, " + after.size() + " now");
            }
        } else {
            Map<String, String> old = originating(before);
            Map<String, String> now = originating(after);
            List<String> added = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            now.forEach((route, decision) -> {
                if (!old.containsKey(route)) {
                    added.add(route);
                } else if (!old.get(route).equals(decision)) {
                    changed.add(route);
                }
            });
            List<String> removed = new ArrayList<>(old.keySet());
            removed.removeAll(now.keySet());
            describe(changes, "routes added", added);
            describe(changes, "routes removed", removed);
            describe(changes, "routes changed", changed);
        }
        List<String> rotated = new ArrayList<>();
        filesAfter.forEach((file, checksum) -> {
            if (filesBefore.containsKey(file) && !Objects.equals(filesBefore.get(file), checksum)) {
                rotated.add(file.toString());
            }
        });
        Path rulesFile = filesAfter.keySet().iterator().next();
        boolean rulesEdited = rotated.remove(rulesFile.toString());
        describe(changes, "TLS material rotated", rotated);
        if (changes.isEmpty()) {
            changes.add(rulesEdited ? "the file changed, its routes and TLS material did not"
                    : "its routes and TLS material are as before");
        }
        return String.join("; ", changes);
    }

    private static Map<String, String> originating(RouteTable table) {
        Map<String, String> routes = new LinkedHashMap<>();
        table.entries().forEach((host, ports) -> ports.forEach((port, decision) -> {
            if (decision.originates()) {
                routes.put(host + ":" + port, decision.toString());
            }
        }));
        return routes;
    }

    private static void describe(List<String> changes, String what, List<String> names) {
        if (!names.isEmpty()) {
            String more = names.size() > NAMED ? " and " + (names.size() - NAMED) + " more" : "";
            changes.add(what + " " + String.join(", ", names.subList(0, Math.min(NAMED, names.size()))) + more);
        }
    }
}
