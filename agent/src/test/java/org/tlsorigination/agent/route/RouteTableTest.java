package org.tlsorigination.agent.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static final Decision TO_443 = Decision.originate(443, TlsProfile.verifyingDefaults());
    private static final Decision TO_8443 = Decision.originate(8443, TlsProfile.builder().sni("sni.example").build());

    @Test
    void exactHostMatchesOnlyItsPorts() {
        RouteTable table = new RouteTable.Builder().route("edition.cnn.com", 80, TO_443).build();

        assertSame(TO_443, table.route("edition.cnn.com", 80));
        assertSame(Decision.UNDECLARED, table.route("edition.cnn.com", 8080));
        assertSame(Decision.UNDECLARED, table.route("www.cnn.com", 80));
    }

    /** The table marks an empty slot by a hash of 0, which a real name can have too. */
    @Test
    void aHostWhoseHashIsZeroIsFoundLikeAnyOther() {
        assertEquals(0, "adxdvxws.com".hashCode());
        RouteTable table = new RouteTable.Builder().route("adxdvxws.com", 80, TO_443).route("b.com", 80, TO_8443)
                .build();

        assertSame(TO_443, table.route("adxdvxws.com", 80));
        assertSame(TO_443, table.route("ADXDVXWS.com", 80));
        assertSame(TO_8443, table.route("b.com", 80));
        assertSame(Decision.UNDECLARED, table.route("adxdvxws.net", 80));
    }

    @Test
    void hostsCompareCaseInsensitivelyAndIgnoreATrailingDot() {
        RouteTable table = new RouteTable.Builder().route("Edition.CNN.com", 80, TO_443).build();

        assertSame(TO_443, table.route("EDITION.cnn.COM", 80));
        assertSame(TO_443, table.route("edition.cnn.com.", 80));
    }

    @Test
    void wildcardMatchesSubdomainsButNotTheBareDomain() {
        RouteTable table = new RouteTable.Builder().route("*.cnn.com", 80, TO_443).build();

        assertSame(TO_443, table.route("edition.cnn.com", 80));
        assertSame(TO_443, table.route("a.b.cnn.com", 80));
        assertSame(Decision.UNDECLARED, table.route("cnn.com", 80));
        assertSame(Decision.UNDECLARED, table.route("notcnn.com", 80));
    }

    @Test
    void exactHostWinsOverWildcardAndLongerWildcardOverShorter() {
        RouteTable table = new RouteTable.Builder()
                .route("*.com", 80, TO_8443)
                .route("*.cnn.com", 80, TO_443)
                .route("edition.cnn.com", 80, TO_8443)
                .build();

        assertSame(TO_8443, table.route("edition.cnn.com", 80));
        assertSame(TO_443, table.route("www.cnn.com", 80));
        assertSame(TO_8443, table.route("example.com", 80));
    }

    @Test
    void wildcardsCompareCaseInsensitivelyAndIgnoreATrailingDot() {
        RouteTable table = new RouteTable.Builder().route("*.CNN.com", 80, TO_443).build();

        assertSame(TO_443, table.route("Edition.Cnn.COM", 80));
        assertSame(TO_443, table.route("edition.cnn.com.", 80));
        assertSame(Decision.UNDECLARED, table.route("cnn.com.", 80));
    }

    @Test
    void theLongestMatchingWildcardDecidesEvenWithoutThePort() {
        RouteTable table = new RouteTable.Builder()
                .route("*.com", 8080, TO_8443)
                .route("*.cnn.com", 80, TO_443)
                .build();

        assertSame(Decision.UNDECLARED, table.route("edition.cnn.com", 8080));
        assertSame(TO_8443, table.route("example.com", 8080));
    }

    @Test
    void onlyAsciiLettersFoldSoALookAlikeNameMatchesNoRule() {
        RouteTable table = new RouteTable.Builder().route("kelvin.example", 80, TO_443).build();

        assertSame(TO_443, table.route("KELVIN.example", 80));
        assertSame(Decision.UNDECLARED, table.route("\u212Aelvin.example", 80));
    }

    @Test
    void manyHostsAndSuffixesAreEachFound() {
        RouteTable.Builder builder = new RouteTable.Builder();
        for (int i = 0; i < 5000; i++) {
            builder.route("host" + i + ".example", 80, i % 2 == 0 ? TO_443 : TO_8443);
            builder.route("*.zone" + i + ".example", 80, i % 2 == 0 ? TO_8443 : TO_443);
        }
        RouteTable table = builder.build();

        for (int i = 0; i < 5000; i++) {
            assertSame(i % 2 == 0 ? TO_443 : TO_8443, table.route("HOST" + i + ".example", 80));
            assertSame(i % 2 == 0 ? TO_8443 : TO_443, table.route("a.b.zone" + i + ".example", 80));
            assertSame(i % 2 == 0 ? TO_8443 : TO_443, table.route("A.b.ZONE" + i + ".Example.", 80));
            assertSame(Decision.UNDECLARED, table.route("zone" + i + ".example", 80));
            assertSame(Decision.UNDECLARED, table.route("host" + i + ".example", 81));
        }
    }

    @Test
    void aNameWhoseHashIsZeroIsFoundToo() {
        RouteTable table = new RouteTable.Builder().route("\0", 80, TO_443).build();

        assertEquals(0, "\0".hashCode());
        assertSame(TO_443, table.route("\0", 80));
        assertSame(Decision.UNDECLARED, table.route("a", 80));
    }

    @Test
    void countsOnlyOriginatingRoutes() {
        RouteTable table = new RouteTable.Builder()
                .route("edition.cnn.com", 80, TO_443)
                .route("edition.cnn.com", 443, TO_443)
                .route("www.cnn.com", 80, Decision.PASS)
                .build();

        assertEquals(2, table.size());
        assertSame(Decision.UNDECLARED, RouteTable.EMPTY.route("edition.cnn.com", 80));
        assertSame(Decision.UNDECLARED, table.route(null, 80));
    }

    @Test
    void rejectsAWildcardThatIsNotALeadingLabel() {
        assertThrows(IllegalArgumentException.class, () -> new RouteTable.Builder().route("edition.*.com", 80, TO_443));
    }

    /**
     * A lookup, and the loopback test REGISTRY_ONLY adds, run on every connect: hits, misses and odd spellings
     * allocate nothing (the few bytes allowed are the measuring's own).
     */
    @Test
    void lookupAllocatesNothing() {
        RouteTable table = new RouteTable.Builder().route("edition.cnn.com", 80, TO_443).route("*.cnn.com", 80, TO_443)
                .build();
        String[] hosts = {"edition.cnn.com", "EDITION.CNN.COM", "edition.cnn.com.", "a.b.cnn.com", "cnn.com",
            "elsewhere.example", "127.0.0.1", "[::1]"};
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int originated = 0;
        for (int warm = 0; warm < 20_000; warm++) {
            originated += table.route(hosts[warm % hosts.length], 80).originates() ? 1 : 0;
            LoopbackLiteral.isLoopback(hosts[warm % hosts.length]);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        int loopback = 0;
        for (int i = 0; i < 100_000; i++) {
            originated += table.route(hosts[i % hosts.length], 80).originates() ? 1 : 0;
            loopback += LoopbackLiteral.isLoopback(hosts[i % hosts.length]) ? 1 : 0;
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertTrue(allocated < 10_000, allocated + " bytes allocated by 100,000 lookups");
        assertEquals(120_000 / hosts.length * 4, originated);
        assertEquals(100_000 / hosts.length * 2, loopback);
    }

    @Test
    void equalTlsSettingsAreOneProfile() {
        assertEquals(TlsProfile.builder().sni("a").subjectAltNames(List.of("x")).build(),
                TlsProfile.builder().sni("a").subjectAltNames(List.of("x")).build());
    }
}
