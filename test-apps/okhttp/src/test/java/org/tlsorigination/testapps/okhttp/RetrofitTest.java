package org.tlsorigination.testapps.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.FamilyMatrixTest;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * Retrofit calls through its OkHttpClient, so it is originated with nothing of its own rewritten; on the OkHttp versions
 * that carry Retrofit 3, which needs OkHttp 4.
 */
class RetrofitTest extends FamilyMatrixTest {

    @Test
    void retrofitRequestToEditionCnnComArrivesOverTls() throws Exception {
        assumeTrue(Arrays.stream(client.version().jars())
                .anyMatch(jar -> jar.getFileName().toString().startsWith("retrofit-")), "no Retrofit on this OkHttp");
        try (SeedStage stage = SeedStage.start(dir, RetrofitGet.class)) {
            ChildJvm.Result result = client.originate(stage, stage.plainUrl("/politics")).run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("200 OK, " + StandInServer.BODY_LENGTH + " bytes", result.stdout().trim(), result::toString);
            assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", stage.standIn().summary());
        }
    }
}
