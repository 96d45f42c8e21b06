package org.tlsorigination.testapps.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.AppClassPath;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;

/** Retrofit calls through its OkHttpClient, so it is originated with nothing of its own rewritten. */
class RetrofitTest {

    @TempDir
    Path dir;

    @Test
    void retrofitRequestToEditionCnnComArrivesOverTls() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, RetrofitGet.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), stage.plainUrl("/politics"))
                    .classPath(AppClassPath.libraries())
                    .run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("200 OK, " + StandInServer.BODY_LENGTH + " bytes", result.stdout().trim(), result::toString);
            assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", stage.standIn().summary());
        }
    }
}
