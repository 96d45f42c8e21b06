package org.tlsorigination.testapps.operability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * {@code attach}: an app started without the agent keeps one plain connection in its pool; once attached, the agent
 * names that connection as not covered, the app goes on using it, and the connection the app opens after it is
 * originated, with its MBeans there to read. Attaching again changes nothing.
 */
class AttachTest {
    @TempDir
    Path dir;

    @Test
    void aRunningAppIsOriginatedFromItsNextConnectionOn() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, KeepAlivePoll.class)) {
            StandInServer standIn = stage.standIn();
            Path rules = stage.rules("edition-cnn-com.yaml");
            Path stop = dir.resolve("stop");
            Path close = dir.resolve("close");
            ChildJvm.Running app = stage.withoutAgent(stage.plainUrl("/politics"), "100", stop.toString(),
                    close.toString()).timeout(Duration.ofSeconds(90)).start();
            try {
                Await.until(app, "plain requests on one connection", () -> standIn.requests().size() >= 3);
                String pid = String.valueOf(ManagementConnection.pidOf(stop.toString()));

                ChildJvm.Result attached = AgentCommandLine.run("attach", pid,
                        "rules=" + rules + ",reloadInterval=200");

                assertEquals(0, attached.exitCode(), attached::toString);
                assertTrue(attached.stdout().startsWith("attached to JVM " + pid + ": 2 TLS origination rules "
                        + "loaded from " + rules + " (3 resources) by tls-origination-agent 0.1.0-SNAPSHOT; "),
                        attached::toString);
                Await.until(app, "the line on connections already open", () -> app.stderrSoFar().contains(
                        "[tls-origination] 1 plain-text connection was open before the agent was attached and is not "
                        + "covered: " + SeedStage.HOST + ":" + standIn.plainPort() + " (1); the app uses it as it is "
                        + "until it closes it\n"));
                int plainRequests = standIn.requests().size();
                Await.until(app, "more requests on the pooled connection",
                        () -> standIn.requests().size() > plainRequests + 2);
                assertEquals(1, standIn.plainConnections(), standIn::summary);
                assertEquals(0, standIn.tlsConnections(), standIn::summary);

                Files.writeString(close, "");
                Await.until(app, "a request over TLS",
                        () -> standIn.requests().stream().anyMatch(StandInRequest::tls));
                assertEquals(1, standIn.plainConnections(), "the new connection is originated: " + standIn.summary());
                try (ManagementConnection jmx = ManagementConnection.to(Long.parseLong(pid))) {
                    Await.until(app, "the route's MBean", () -> jmx.registered("tlsorigination:type=Route,host="
                            + SeedStage.HOST + ",port=" + standIn.plainPort()));
                    assertEquals(1, jmx.route(SeedStage.HOST, standIn.plainPort(), "ConnectionsOriginated"));
                    assertEquals(1, jmx.agent("ConnectionsOriginated"));
                }

                ChildJvm.Result again = AgentCommandLine.run("attach", pid, "rules=" + rules);
                assertEquals(0, again.exitCode(), again::toString);
                assertTrue(again.stdout().startsWith("JVM " + pid + " already has the agent, from "), again::toString);
                assertTrue(again.stdout().strip().endsWith("it takes one copy, so attaching again changed nothing"));
                Await.until(app, "the second copy's line", () -> app.stderrSoFar().contains(
                        "[tls-origination] warning: the agent is loaded more than once"));
            } finally {
                Files.writeString(stop, "");
                app.await();
            }
        }
    }
}
