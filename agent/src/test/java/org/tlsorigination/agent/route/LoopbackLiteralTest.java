package org.tlsorigination.agent.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** REGISTRY_ONLY lets loopback through by address, never by how a name starts. */
class LoopbackLiteralTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "localhost | true",
        "LocalHost | true",
        "127.0.0.1 | true",
        "127.255.255.254 | true",
        "127.1.2.3 | true",
        "::1 | true",
        "[::1] | true",
        "0:0:0:0:0:0:0:1 | true",
        "0000:0000:0000:0000:0000:0000:0000:0001 | true",
        "0::1 | true",
        "::0:1 | true",
        "[0:0::1] | true",
        "::ffff:127.0.0.1 | true",
        "[::ffff:127.0.0.1] | true",
        "::FFFF:127.10.0.1 | true",
        "::ffff:7f00:1 | true",
        "0:0:0:0:0:ffff:127.0.0.1 | true",
        // names, however they start
        "127.attacker.example | false",
        "127.0.0.1.attacker.example | false",
        "localhost.example | false",
        "localhost. | false",
        "my-localhost | false",
        // not the canonical dotted decimal some resolvers would still read as loopback: refused, never guessed
        "0x7f.1 | false",
        "0x7f000001 | false",
        "127.1 | false",
        "127.0.1 | false",
        "2130706433 | false",
        "0177.0.0.1 | false",
        "127.000.000.001 | false",
        "127.0.0.1. | false",
        "127.0.0.256 | false",
        "127.0.0 | false",
        "127.0.0.1.1 | false",
        "[127.0.0.1] | false",
        // other addresses
        "128.0.0.1 | false",
        "10.0.0.1 | false",
        "::2 | false",
        "::127.0.0.1 | false",
        "::ffff:128.0.0.1 | false",
        "::ffff:10.0.0.1 | false",
        "1::1 | false",
        "::1%lo | false",
        "[::1]:80 | false",
        ":::1 | false",
        "::1:: | false",
        "0:0:0:0:0:0:0:0:1 | false",
        "\u0661\u0662\u0667.0.0.1 | false",
        "::\u0661 | false",
        "'' | false",
    })
    void isLoopback(String host, boolean loopback) {
        assertEquals(loopback, LoopbackLiteral.isLoopback(host));
    }
}
