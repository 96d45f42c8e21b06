package org.tlsorigination.agent.config;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.tlsorigination.agent.files.FileKind;

/**
 * Not a test: loads worst-shaped rules files of up to 1 MiB and prints, for each, the time of the first (cold) load,
 * as at start-up, and of a later one, and the heap the loaded rules hold. Run each shape in a JVM of its own, with
 * the heap it must fit in:
 *
 * <pre>
 * mvn -B -q -pl agent test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * cp=agent/target/test-classes:agent/target/classes:$(cat agent/target/cp.txt)
 * for shape in $(java -cp $cp org.tlsorigination.agent.config.RulesCompileBenchmark); do
 *   java -Xmx64m -cp $cp org.tlsorigination.agent.config.RulesCompileBenchmark $shape
 * done
 * </pre>
 */
public final class RulesCompileBenchmark {
    private static final String SE = "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\n";
    private static final String DR = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\n";
    private static final String VS = "apiVersion: networking.istio.io/v1\nkind: VirtualService\n";

    private RulesCompileBenchmark() {
    }

    /** A file as a function of a size parameter, up to a cap; the largest size whose file fits in 1 MiB is used. */
    private static final class Shape {
        final int cap;
        final IntFunction<String> text;

        Shape(int cap, IntFunction<String> text) {
            this.cap = cap;
            this.text = text;
        }

        String largestFitting() {
            int low = 1;
            int high = cap;
            while (low < high) {
                int middle = (low + high + 1) >>> 1;
                if (text.apply(middle).length() <= FileKind.RULES.maxBytes()) {
                    low = middle;
                } else {
                    high = middle - 1;
                }
            }
            return text.apply(low);
        }
    }

    /** The largest of each shape that fits in 1 MiB and, but for the "refused" ones, within the other limits. */
    private static Map<String, Shape> shapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put("issue-20000-hosts-50-ports-and-destination-rules", new Shape(7_000, n -> entry("many",
                "\n  - " + lines(0, 20_000, i -> "h" + i + ".ex", "\n  - "), join(1, 50, p -> port(8000 + p)))
                + "\n" + documents(0, n, i -> rule("r" + i, "h" + i + ".ex", "{tls: {mode: SIMPLE}}"))));
        shapes.put("issue-one-entry-20000-hosts-20000-ports", new Shape(20_000, n -> entry("many",
                "[" + join(0, n, i -> "h" + i + ".ex") + "]", join(1, n, RulesCompileBenchmark::port))));
        shapes.put("most-hosts", new Shape(RulesLimits.HOSTS, n -> entry("many",
                "\n  - " + lines(0, n, i -> "h" + i + ".ex", "\n  - "), port(80))));
        shapes.put("most-resources", new Shape(10_000, n -> documents(0, n, i -> entry("s" + i, "[h" + i + ".ex]",
                port(80) + ", " + port(443)) + "\n---\n" + rule("d" + i, "h" + i + ".ex",
                "{tls: {mode: SIMPLE, sni: s" + i % 60 + "}}"))));
        shapes.put("wildcard-with-port-matches", new Shape(5_800, n -> entry("all", "['*.ex']",
                join(1, n, RulesCompileBenchmark::port)) + "\n---\n" + VS + "metadata: {name: all}\nspec:\n"
                + "  hosts: ['*.ex']\n  http:\n" + lines(1, n, p -> "  - {match: [{port: " + p + "}], route: "
                + "[{destination: {host: '*.ex', port: {number: " + (n - p) + "}}}]}", "\n")
                + "\n---\n" + rule("all", "'*.ex'", "{tls: {mode: SIMPLE}}")));
        shapes.put("port-level-settings", new Shape(10_000, n -> entry("all", "[a.ex]",
                join(1, n, RulesCompileBenchmark::port)) + "\n---\n" + rule("all", "a.ex", "\n    portLevelSettings:\n"
                + lines(1, n, p -> "    - {port: {number: " + p + "}, tls: {mode: SIMPLE}}", "\n"))));
        shapes.put("deep-host-names", new Shape(5_000, n -> entry("deep",
                "\n  - " + lines(0, n, i -> "a.".repeat(120) + "h" + i, "\n  - "), port(80))));
        shapes.put("short-form", new Shape(19_000, n -> "originate:\n"
                + lines(0, n, i -> "- {host: h" + i + ".ex, port: 80}", "\n")));
        shapes.put("refused-tiny-values", new Shape(600_000, n -> "a: [" + "a,".repeat(n) + "a]\n"));
        shapes.put("refused-empty-documents", new Shape(300_000, "---\n"::repeat));
        shapes.put("refused-too-many-routes", new Shape(10_000, n -> entry("many",
                "[" + join(0, n, i -> "h" + i + ".ex") + "]", join(1, 2_000, RulesCompileBenchmark::port))
                + "\n" + documents(0, n, i -> rule("r" + i, "h" + i + ".ex", "{tls: {mode: SIMPLE}, portLevelSettings: "
                + "[{port: {number: " + (i % 1_999 + 1) + "}, tls: {mode: DISABLE}}]}"))));
        return shapes;
    }

    private static String entry(String name, String hosts, String ports) {
        return SE + "metadata: {name: " + name + "}\nspec:\n  hosts: " + hosts + "\n  ports: [" + ports + "]";
    }

    private static String rule(String name, String host, String trafficPolicy) {
        return DR + "metadata: {name: " + name + "}\nspec:\n  host: " + host + "\n  trafficPolicy: " + trafficPolicy;
    }

    private static String port(int number) {
        return "{number: " + number + "}";
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.out.println(String.join("\n", shapes().keySet()));
            return;
        }
        Path directory = Files.createTempDirectory("rules-benchmark");
        for (String shape : args) {
            Path file = Files.writeString(directory.resolve(shape + ".yaml"), shapes().get(shape).largestFitting());
            System.out.println(measure(shape, file));
        }
    }

    /** Cold is the first load in this JVM, as at start-up; CPU is the loading thread's, which a busy machine hides. */
    private static String measure(String shape, Path file) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Object[] result = new Object[1];
        String outcome = load(file, result);
        long coldMillis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
        System.gc();
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long warmMillis = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long again = System.nanoTime();
            load(file, result);
            warmMillis = Math.min(warmMillis, (System.nanoTime() - again) / 1_000_000);
        }
        return String.format("%-48s %7d bytes  cold %4d ms (cpu %4d ms)  warm %4d ms  heap after %2d MiB of %d MiB  %s",
                shape, Files.size(file), coldMillis, cpuMillis, warmMillis, retained >> 20,
                Runtime.getRuntime().maxMemory() >> 20, outcome);
    }

    /** Keeps the loaded rules in {@code holder}, so that the heap measured after holds them. */
    private static String load(Path file, Object[] holder) {
        try {
            LoadedRules rules = RulesLoader.load(file);
            holder[0] = rules;
            return "loaded: " + rules.table().size() + " originating routes, " + rules.resourceCount() + " resources";
        } catch (ConfigException e) {
            return "refused: " + e.problem();
        }
    }

    private static String join(int from, int to, IntFunction<String> item) {
        return IntStream.range(from, to).mapToObj(item).collect(Collectors.joining(", "));
    }

    private static String lines(int from, int to, IntFunction<String> line, String separator) {
        return IntStream.range(from, to).mapToObj(line).collect(Collectors.joining(separator));
    }

    private static String documents(int from, int to, IntFunction<String> document) {
        return IntStream.range(from, to).mapToObj(i -> "---\n" + document.apply(i) + "\n")
                .collect(Collectors.joining());
    }
}
