package org.tlsorigination.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.data.category.DefaultCategoryDataset;

/** The results as the README shows them: Markdown tables, and a chart of each mode against native https. */
final class Report {
    private static final List<String> COMPARED = List.of("http", "agent", "stunnel", "nginx proxy");

    private final Results results;
    private final boolean smoke;

    Report(Results results, boolean smoke) {
        this.results = results;
        this.smoke = smoke;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(smoke ? "Smoke run (--short): one round of short runs; not for comparing.\n\n" : "");
        md.append("### Start-up and memory\n\nMedian of the runs, each program alone and with the agent, in "
                + "alternating order. The fetch goes over https without the agent and over http with it.\n\n");
        md.append("| program | wall time alone | with agent | difference | peak RSS alone | with agent | difference "
                + "| classes loaded alone | with agent |\n|---|---|---|---|---|---|---|---|---|\n");
        for (String program : Results.PROGRAMS) {
            long[] alone = results.startup(program, false);
            long[] agent = results.startup(program, true);
            md.append(String.format(Locale.ROOT,
                    "| %s | %d ms | %d ms | %+d ms | %.1f MB | %.1f MB | %+.1f MB | %d | %d |%n",
                    program, alone[0], agent[0], agent[0] - alone[0], alone[1] / 1024.0, agent[1] / 1024.0,
                    (agent[1] - alone[1]) / 1024.0, results.classes(program, false), results.classes(program, true)));
        }
        md.append(String.format(Locale.ROOT, "%nClass-data sharing for the app's classes: %s.%n",
                results.sharingKept(true) ? "on with the agent (no JVM warning)"
                        : "**turned off by the agent** (the JVM warned)"));
        md.append(String.format(Locale.ROOT, "%nPeak RSS of HttpURLConnection with %d threads, keep-alive, 1 KB, "
                + "-Xmx%s: %.1f MB over native https, %.1f MB with the agent (%+.1f MB).%n", Benchmark.MANY_THREADS,
                Benchmark.LOAD_HEAP,
                results.loadMemory("https") / 1024.0, results.loadMemory("agent") / 1024.0,
                (results.loadMemory("agent") - results.loadMemory("https")) / 1024.0));
        md.append("\n### Per request\n\n").append(Benchmark.THREADS).append(" threads, each request after the "
                + "other, -Xmx").append(Benchmark.LOAD_HEAP).append(", medians of the rounds; each JVM warms up ")
                .append(seconds(Benchmark.firstWarmupMillis(smoke))).append(" before its first scenario (its start-up "
                + "is measured above) and ").append(seconds(Benchmark.warmupMillis(smoke)))
                .append(" before each other. Each cell: requests per "
                + "second (ratio to native https), p50 and p99 in ms (ratio to native https).\n\n"
                + "| client | body | connection |");
        for (String mode : Benchmark.MODES) {
            md.append(' ').append(mode).append(" |");
        }
        md.append(" agent, worst round |\n|---|---|---|").append("---|".repeat(Benchmark.MODES.size() + 1))
                .append('\n');
        for (String client : Benchmark.CLIENTS) {
            for (String scenario : Benchmark.SCENARIOS) {
                double[] https = results.load(client, scenario, "https");
                if (https == null) {
                    continue;
                }
                String[] parts = scenario.split(":");
                md.append("| ").append(client).append(" | ")
                        .append(parts[0].toUpperCase(Locale.ROOT).replace("K", " KB"))
                        .append(" | ").append(parts[1]).append(" |");
                for (String mode : Benchmark.MODES) {
                    double[] m = results.load(client, scenario, mode);
                    md.append(String.format(Locale.ROOT, " %,.0f (%.2f)<br>%.2f (%.2f) / %.2f (%.2f) |", m[0],
                            m[0] / https[0], m[1] / 1000, m[1] / https[1], m[2] / 1000, m[2] / https[2]));
                }
                md.append(String.format(Locale.ROOT, " %.2f |%n",
                        results.worstThroughputRatio(client, scenario, "agent")));
            }
        }
        md.append("\n### TLS session resumption\n\nTLS connections the origin accepted during each client's runs, and "
                + "the share that resumed a session (the first of each run cannot).\n\n| client |");
        for (String mode : Benchmark.MODES.subList(1, Benchmark.MODES.size())) {
            md.append(' ').append(mode).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(Benchmark.MODES.size() - 1)).append('\n');
        for (String client : Benchmark.CLIENTS) {
            md.append("| ").append(client).append(" |");
            for (String mode : Benchmark.MODES.subList(1, Benchmark.MODES.size())) {
                long[] r = results.resumption(client, mode);
                md.append(String.format(Locale.ROOT, " %d of %d (%.1f%%) |", r[1], r[0],
                        r[0] == 0 ? 0 : 100.0 * r[1] / r[0]));
            }
            md.append('\n');
        }
        md.append("\n### Route lookup (JMH, 100,000 rules: half exact hosts, half wildcards)\n\n"
                + "| lookup | ns per lookup | bytes allocated per lookup |\n|---|---|---|\n");
        for (Map.Entry<String, double[]> lookup : results.routeLookup().entrySet()) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.3f |%n", lookup.getKey(), lookup.getValue()[0],
                    lookup.getValue()[1]));
        }
        return md.toString();
    }

    /** Two panels: throughput and p99 of each mode, as a ratio to native https (1.0). */
    void writeChart(Path png) throws IOException {
        JFreeChart throughput = chart("Throughput relative to native https (higher is better)", 0, 0.1, 100);
        JFreeChart p99 = chart("p99 latency relative to native https (lower is better)", 2, 0.01, 10);
        int width = 1400;
        int height = 560;
        BufferedImage image = new BufferedImage(width, 2 * height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, width, 2 * height);
        throughput.draw(graphics, new java.awt.Rectangle(0, 0, width, height));
        p99.draw(graphics, new java.awt.Rectangle(0, height, width, height));
        graphics.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    /**
     * Plain http and the pooling proxy run 10 to 60 times native https on new connections: on a linear axis the
     * agent's bars around 1.0 would vanish, so the ratios go on a logarithmic one.
     */
    private JFreeChart chart(String title, int metric, double lowest, double highest) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String client : Benchmark.CLIENTS) {
            for (String scenario : Benchmark.SCENARIOS) {
                double[] https = results.load(client, scenario, "https");
                if (https == null) {
                    continue;
                }
                String category = shortName(client) + " " + scenario.replace(":", " ");
                for (String mode : COMPARED) {
                    data.addValue(results.load(client, scenario, mode)[metric] / https[metric], mode, category);
                }
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, null, null, data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        LogAxis ratios = new LogAxis("ratio to native https (log scale)");
        ratios.setRange(lowest, highest);
        ratios.setTickUnit(new NumberTickUnit(1));
        ratios.setNumberFormatOverride(new DecimalFormat("0.##"));
        chart.getCategoryPlot().setRangeAxis(ratios);
        chart.getCategoryPlot().setRangeGridlinePaint(Color.GRAY);
        chart.getCategoryPlot().addRangeMarker(new ValueMarker(1.0, Color.BLACK, new BasicStroke(1.5f)));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Whole seconds as {@code 5 s}, shorter times as {@code 0.2 s}. */
    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String shortName(String client) {
        return client.equals("Apache HttpClient 5") ? "Apache 5" : client.equals("HttpURLConnection") ? "HUC" : client;
    }
}
