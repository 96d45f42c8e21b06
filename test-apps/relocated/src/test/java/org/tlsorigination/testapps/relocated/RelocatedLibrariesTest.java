package org.tlsorigination.testapps.relocated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * The family apps from fat jars in which maven-shade-plugin moved their libraries: one jar under the prefix
 * {@code org.example.shaded}, one with packages replaced as vendoring SDKs do (Apache HttpClient 4 to
 * {@code com.acme.vendor.apachehttp}, 5 to {@code com.acme.vendor.hc}, OkHttp to {@code com.acme.shaded.okhttp}) and
 * Netty moved as gRPC's netty-shaded moves it. Each jar's apps run one after the other in one child JVM, as the
 * jar's whole class path, with the socket level off: only the relocated copy's family can originate, and the guard
 * refuses what it misses. Each app sends three requests, which arrive over TLS on one handshake, as in the
 * origination contract's first case.
 */
class RelocatedLibrariesTest {
    private static final String DECOY = "com.acme.decoy.conn.socket.PlainConnectionSocketFactory";
    private static final String REFUSED = "warning: refused a plain-text connection from ";
    private static final String APACHE_4 = "org.tlsorigination.testapps.apache4.Fetch";
    private static final String APACHE_5 = "org.tlsorigination.testapps.apache5.Fetch";
    private static final String OKHTTP = "org.tlsorigination.testapps.okhttp.OkHttpGet";
    private static final String NETTY = "org.tlsorigination.testapps.netty.NettyGet";

    @TempDir
    Path dir;

    @Test
    void copiesUnderAPrefixAreOriginatedLikeTheOriginals() throws Exception {
        String prefixed = " relocated under org.example.shaded in ";
        ChildJvm.Result result = runAll("relocated.jar", List.of(
                App.pooled("Apache HttpClient 4.5.14" + prefixed, "Apache HttpClient 4 (", APACHE_4, "default"),
                App.pooled("Apache HttpAsyncClient 4.1.5" + prefixed, "Apache HttpAsyncClient 4 (", APACHE_4, "async"),
                App.requests(prefixed, "OkHttp (4.x)", OKHTTP),
                App.requests("Netty 4.1.137.Final" + prefixed, "Netty (", NETTY)));

        assertFalse(result.stderr().contains("[tls-origination] warning"), result::toString);
    }

    /**
     * The decoy has Apache HttpClient 4's hooked types under their simple names, with the packages below the root,
     * the methods and their argument types, but not the library's marker beside them: it is not taken for a copy, and
     * its plain-text connect reaches the guard, which names it.
     */
    @Test
    void copiesInPackagesOfTheirOwnAreOriginatedAndALookAlikeClassIsLeftAlone() throws Exception {
        String apache4 = " relocated from org.apache.http to com.acme.vendor.apachehttp in ";
        String apache5 = " relocated from org.apache to com.acme.vendor in ";
        ChildJvm.Result result = runAll("replaced.jar", List.of(
                App.pooled("Apache HttpClient 4.5.14" + apache4, "Apache HttpClient 4 (", APACHE_4, "default"),
                App.pooled("Apache HttpAsyncClient 4.1.5" + apache4, "Apache HttpAsyncClient 4 (", APACHE_4, "async"),
                App.requests(" relocated from okhttp3 to com.acme.shaded.okhttp in ", "OkHttp (4.x)", OKHTTP),
                App.pooled("Apache HttpClient 5.6.5" + apache5, "Apache HttpClient 5 (5.6)", APACHE_5,
                        "classic-default"),
                App.pooled("Apache HttpCore 5.4.4" + apache5, "Apache HttpClient 5 async (", APACHE_5, "async-default"),
                App.requests("Netty 4.1.137.Final relocated under io.grpc.netty.shaded in ", "Netty (", NETTY)),
                DecoyConnect.class.getName());

        assertTrue(result.stdout().contains("decoy refused: plain-text connection to " + SeedStage.HOST + ":"),
                result::toString);
        assertFalse(result.stderr().contains(" to com.acme.decoy in "), "the decoy was taken for a copy: " + result);
        assertFalse(result.stderr().contains("instrumented " + DECOY), result::toString);
        List<String> warnings = result.stderr().lines().filter(line -> line.contains("warning"))
                .collect(Collectors.toList());
        assertEquals(1, warnings.size(), result::toString);
        assertTrue(warnings.get(0).startsWith("[tls-origination] " + REFUSED + DECOY + ","), result::toString);
    }

    /**
     * Runs {@code apps}, then each of {@code lastMains} on the stand-in's plain URL, in one child JVM on the jar that
     * the system property {@code jarProperty} names, and checks what each app printed and the stand-in saw.
     */
    private ChildJvm.Result runAll(String jarProperty, List<App> apps, String... lastMains) throws Exception {
        Path jar = Paths.get(System.getProperty(jarProperty));
        try (SeedStage stage = SeedStage.start(dir, AppsInOneJvm.class.getName(), jar)) {
            List<List<String>> commands = new ArrayList<>();
            for (int i = 0; i < apps.size(); i++) {
                commands.add(apps.get(i).command(stage.plainUrl(path(i))));
            }
            List<String> args = new ArrayList<>(commands.get(0));
            for (List<String> command : commands.subList(1, commands.size())) {
                args.add(AppsInOneJvm.THEN);
                args.addAll(command);
            }
            for (String main : lastMains) {
                args.addAll(List.of(AppsInOneJvm.THEN, main, stage.plainUrl("/politics")));
            }

            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), args.toArray(new String[0]))
                    .systemProperty("tlsorigination.log", "debug")
                    .systemProperty("tlsorigination.instrumentation.socket", "false")
                    .run();

            assertEquals(0, result.exitCode(), result::toString);
            StandInServer standIn = stage.standIn();
            Set<Integer> connections = standIn.requests().stream().map(StandInRequest::connectionId)
                    .collect(Collectors.toSet());
            for (int i = 0; i < apps.size(); i++) {
                App app = apps.get(i);
                assertTrue(lineWith(result, app.copy, ": rewriting " + app.family), app + "\n" + result);
                assertEquals(List.of(App.PAGE, App.PAGE, App.PAGE), App.printed(result, commands.get(i)),
                        app + "\n" + result);
                List<StandInRequest> requests = requestsFor(standIn, path(i));
                assertEquals(3, requests.size(), app + ": " + standIn.summary());
                for (StandInRequest request : requests) {
                    assertTrue(request.tls(), standIn::summary);
                    assertEquals(SeedStage.HOST, request.sni(), standIn::summary);
                    assertEquals(SeedStage.HOST + ":" + standIn.plainPort(), request.host(), standIn::summary);
                    assertEquals(requests.get(0).connectionId(), request.connectionId(),
                            () -> app + ": " + standIn.summary());
                }
            }
            assertEquals(apps.size(), connections.size(), standIn::summary);
            assertEquals(apps.size(), standIn.tlsConnections(), standIn::summary);
            assertEquals(apps.size(), standIn.tlsHandshakes(), standIn::summary);
            assertEquals(0, standIn.plainConnections(), standIn::summary);
            assertFalse(result.stderr().contains("cannot instrument"), result::toString);
            return result;
        }
    }

    private static String path(int app) {
        return "/politics/" + app;
    }

    private static List<StandInRequest> requestsFor(StandInServer standIn, String path) {
        return standIn.requests().stream().filter(request -> request.path().equals(path)).collect(Collectors.toList());
    }

    private static boolean lineWith(ChildJvm.Result result, String first, String second) {
        return result.stderr().lines().anyMatch(line -> line.contains(first) && line.contains(second));
    }

    /** One family app in the jar, and what the agent's log says of its copy: the library, its version and its move. */
    private static final class App {
        /** Each app's line for the stand-in's page, as far as all of them print it alike. */
        static final String PAGE = "200 OK, " + StandInServer.BODY_LENGTH + " bytes";

        final String copy;
        final String family;
        final String mainClass;
        final List<String> shape;
        final boolean takesEachUrl;

        private App(String copy, String family, String mainClass, List<String> shape, boolean takesEachUrl) {
            this.copy = copy;
            this.family = family;
            this.mainClass = mainClass;
            this.shape = shape;
            this.takesEachUrl = takesEachUrl;
        }

        /** An app that takes its shape, then one URL per request, all sent over its one pooled client. */
        static App pooled(String copy, String family, String mainClass, String shape) {
            return new App(copy, family, mainClass, List.of(shape), true);
        }

        /** An app that takes {@code --requests N} and one URL. */
        static App requests(String copy, String family, String mainClass) {
            return new App(copy, family, mainClass, List.of("--requests", "3"), false);
        }

        List<String> command(String url) {
            List<String> command = new ArrayList<>(List.of(mainClass));
            command.addAll(shape);
            command.addAll(takesEachUrl ? List.of(url, url, url) : List.of(url));
            return command;
        }

        /** What the app that {@code command} ran printed after its header, in the form {@link #PAGE} has. */
        static List<String> printed(ChildJvm.Result result, List<String> command) {
            String header = "== " + String.join(" ", command);
            List<String> lines = result.stdout().lines().collect(Collectors.toList());
            return lines.subList(lines.indexOf(header) + 1, lines.size()).stream()
                    .takeWhile(line -> !line.startsWith("== "))
                    .map(line -> line.replaceAll("^HTTP/1\\.1 ", "").replaceAll("^200 OK ", "200 OK, ")
                            .replaceAll(" bytes .*$", " bytes"))
                    .collect(Collectors.toList());
        }

        @Override
        public String toString() {
            return copy + "(" + String.join(" ", shape) + ")";
        }
    }
}
