package dev.descent.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.plot.HtmlImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an experiment's {@code results.json} and {@code report.html}. The report is one file
 * that works offline: the PNG plots are embedded, the CSV series linked by relative name.
 */
public final class ResultsWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsWriter() {
    }

    /** Writes both files into {@code directory} and returns the report's path. */
    public static Path write(Results results, ExperimentContext context, double seconds) {
        Path directory = context.directory();
        writeJson(results, context, seconds, directory.resolve("results.json"));
        Path report = directory.resolve("report.html");
        writeString(report, html(results, context, seconds));
        return report;
    }

    private static void writeJson(Results results, ExperimentContext context, double seconds, Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("experiment", results.experiment());
        root.put("claim", results.claim());
        root.put("supported", results.supported());
        root.put("verdict", results.verdict());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : results.findings()) {
            ObjectNode node = findings.addObject();
            node.put("name", f.name());
            if (Double.isFinite(f.value())) {
                node.put("value", f.value());
            } else {
                node.put("value", Double.toString(f.value()));
            }
            node.put("unit", f.unit());
        }
        ObjectNode settings = root.putObject("settings");
        for (Map.Entry<String, Object> e : results.settings().entrySet()) {
            settings.putPOJO(e.getKey(), e.getValue());
        }
        root.put("seed", context.seed());
        root.put("quick", context.quick());
        root.put("data", context.dataSource());
        root.put("seconds", seconds);
        root.put("jdk", System.getProperty("java.version"));
        ArrayNode files = root.putArray("files");
        for (Path p : results.seriesFiles()) {
            files.add(context.directory().relativize(p).toString());
        }
        for (Path p : results.plotFiles()) {
            files.add(context.directory().relativize(p).toString());
        }
        try {
            JSON.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String html(Results results, ExperimentContext context, double seconds) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(results.experiment())).append(" · Descent experiment</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}")
                .append("h1{font-size:1.6em}.claim{font-size:1.15em;font-style:italic}")
                .append(".verdict{padding:.8em 1em;border-radius:6px;margin:1em 0}")
                .append(".yes{background:#e6f4ea;border-left:6px solid #1e8e3e}.no{background:#fce8e6;border-left:6px solid #d93025}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border-bottom:1px solid #ddd;padding:.3em .8em;text-align:left}")
                .append("td.num{text-align:right;font-variant-numeric:tabular-nums}img{max-width:100%;border:1px solid #eee;margin:.5em 0}")
                .append(".meta{color:#666;font-size:.9em}</style></head><body>\n");
        h.append("<h1>Experiment: ").append(escape(results.experiment())).append("</h1>\n");
        h.append("<p class=\"claim\">Claim: ").append(escape(results.claim())).append("</p>\n");
        h.append("<div class=\"verdict ").append(results.supported() ? "yes" : "no").append("\"><strong>")
                .append(results.supported() ? "Supported" : "Not supported").append(".</strong> ")
                .append(escape(results.verdict())).append("</div>\n");
        h.append("<h2>Measured</h2>\n<table><tr><th>figure</th><th>value</th><th>unit</th></tr>\n");
        for (Finding f : results.findings()) {
            h.append("<tr><td>").append(escape(f.name())).append("</td><td class=\"num\">").append(number(f.value()))
                    .append("</td><td>").append(escape(f.unit())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (Path plot : results.plotFiles()) {
            if (plot.getFileName().toString().endsWith(".png")) {
                h.append(HtmlImages.embeddedPng(plot, plot.getFileName().toString())).append('\n');
            }
        }
        h.append("<h2>Settings</h2>\n<table>\n");
        for (Map.Entry<String, Object> e : results.settings().entrySet()) {
            h.append("<tr><td>").append(escape(e.getKey())).append("</td><td>").append(escape(String.valueOf(e.getValue())))
                    .append("</td></tr>\n");
        }
        h.append("<tr><td>seed</td><td>").append(context.seed()).append("</td></tr>\n");
        h.append("<tr><td>data</td><td>").append(escape(context.dataSource())).append("</td></tr>\n");
        h.append("</table>\n<h2>Series</h2>\n<ul>\n");
        for (Path csv : results.seriesFiles()) {
            String name = csv.getFileName().toString();
            h.append("<li><a href=\"").append(escape(name)).append("\">").append(escape(name)).append("</a></li>\n");
        }
        h.append("</ul>\n<p class=\"meta\">Descent · JDK ").append(escape(System.getProperty("java.version")))
                .append(" · ").append(String.format(Locale.ROOT, "%.1f", seconds)).append(" s")
                .append(context.quick() ? " · quick mode (tiny sizes: the figures are not meaningful)" : "")
                .append("</p>\n</body></html>\n");
        return h.toString();
    }

    private static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format(Locale.ROOT, "%.4g", v)
                : String.format(Locale.ROOT, "%.4f", v).replaceAll("\\.?0+$", "");
    }

    static String escape(String s) {
        return HtmlImages.escape(s);
    }

    private static void writeString(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
