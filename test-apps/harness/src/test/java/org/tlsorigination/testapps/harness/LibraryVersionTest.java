package org.tlsorigination.testapps.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LibraryVersionTest {

    @Test
    void versionsSortOldestFirstNumberByNumber() {
        List<String> names = List.of("12.1.14", "httpclient-4.5.14", "4.2.18.Final", "httpclient-4.5", "12.1.3",
                "4.1.137.Final", "httpasyncclient-4.1.5", "httpasyncclient-4.1");

        assertEquals(List.of("4.1.137.Final", "4.2.18.Final", "12.1.3", "12.1.14", "httpasyncclient-4.1",
                        "httpasyncclient-4.1.5", "httpclient-4.5", "httpclient-4.5.14"),
                names.stream().sorted(LibraryVersion::oldestFirst).collect(Collectors.toList()));
    }
}
