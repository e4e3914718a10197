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
 * Writes an experiment's {@code results.json} and {@code report.html}. The report works offline:
 * alone, its PNG plots are embedded; in a suite ({@code descent experiment --all}) they are linked
 * by relative name, like the CSV series.
 */
public final class ResultsWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsWriter() {
    }

    /** Writes both files into {@code directory} and returns the report's path. */
    public static Path write(Results results, ExperimentContext context, double seconds) {
        return write(results, context, seconds, false);
    }

    /**
     * Writes both files into {@code directory} and returns the report's path; a report that is
     * part of a suite ({@code descent experiment --all}) links back to the suite's index.
     */
    public static Path write(Results results, ExperimentContext context, double seconds, boolean partOfSuite) {
        Path directory = context.directory();
        writeJson(results, context, seconds, directory.resolve("results.json"));
        Path report = directory.resolve("report.html");
        writeString(report, html(results, context, seconds, partOfSuite));
        return report;
    }

    private static void writeJson(Results results, ExperimentContext context, double seconds, Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("experiment", results.experiment());
        root.put("claim", results.claim());
        root.put("source", results.source());
        root.put("outcome", results.outcome().label().toLowerCase(Locale.ROOT));
        root.put("supported", results.supported());
        root.put("verdict", results.verdict());
        root.put("rule", results.rule());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : results.findings()) {
            ObjectNode node = findings.addObject();
            node.put("name", f.name());
            putNumber(node, "value", f.value());
            node.put("unit", f.unit());
            if (f.overSeeds()) {
                putNumber(node, "standard_error", f.standardError());
                node.put("seeds", f.seeds());
            }
        }
        ObjectNode settings = root.putObject("settings");
        for (Map.Entry<String, Object> e : results.settings().entrySet()) {
            settings.putPOJO(e.getKey(), e.getValue());
        }
        root.put("seed", context.seed());
        ArrayNode seeds = root.putArray("seeds");
        for (long s : context.seeds()) {
            seeds.add(s);
        }
        root.put("quick", context.quick());
        root.put("data", context.dataSource());
        root.put("seconds", seconds);
        root.put("jdk", System.getProperty("java.version"));
        Reproduce r = context.reproduce();
        ObjectNode reproduce = root.putObject("reproduce");
        reproduce.put("command", r.command());
        reproduce.put("version", r.version());
        reproduce.put("commit", r.commit());
        reproduce.put("threads", r.threads());
        reproduce.put("data_checksum", r.dataChecksum());
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

    private static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.put(name, Double.toString(value));
        }
    }

    /** The CSS class of a verdict's box. */
    static String verdictClass(Verdict v) {
        return switch (v) {
            case SUPPORTED -> "yes";
            case NOT_SUPPORTED -> "no";
            case INCONCLUSIVE -> "maybe";
        };
    }

    static final String VERDICT_CSS = ".yes{background:#e6f4ea;border-left:6px solid #1e8e3e}"
            + ".no{background:#fce8e6;border-left:6px solid #d93025}"
            + ".maybe{background:#fef7e0;border-left:6px solid #f9ab00}";

    /** Plots first, then where the claim comes from, the rule, the findings, settings and how to reproduce. */
    private static String html(Results results, ExperimentContext context, double seconds, boolean partOfSuite) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(results.experiment())).append(" · Descent experiment</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}")
                .append("h1{font-size:1.6em}.claim{font-size:1.15em;font-style:italic}")
                .append(".verdict{padding:.8em 1em;border-radius:6px;margin:1em 0}").append(VERDICT_CSS)
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border-bottom:1px solid #ddd;padding:.3em .8em;text-align:left}")
                .append("td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}")
                .append("img{max-width:100%;border:1px solid #eee;margin:.5em 0}")
                .append(".reproduce{background:#f6f8fa;border:1px solid #ddd;border-radius:6px;padding:.6em 1em}")
                .append(".reproduce pre{white-space:pre-wrap;margin:.3em 0}")
                .append(".meta{color:#666;font-size:.9em}</style></head><body>\n");
        if (partOfSuite) {
            h.append("<p class=\"meta\"><a href=\"../index.html\">all experiments</a></p>\n");
        }
        h.append("<h1>Experiment: ").append(escape(results.experiment())).append("</h1>\n");
        h.append("<p class=\"claim\">Claim: ").append(escape(results.claim())).append("</p>\n");
        h.append("<div class=\"verdict ").append(verdictClass(results.outcome())).append("\"><strong>")
                .append(results.outcome().label()).append(".</strong> ")
                .append(escape(results.verdict())).append("</div>\n");
        if (context.quick()) {
            h.append("<p class=\"meta\">Quick mode: tiny sizes on the built-in digits, to check the code path;"
                    + " the figures and the verdict mean nothing.</p>\n");
        }
        // alone, the report embeds its plots (one file to mail); in a suite the folder is the unit, and
        // linking the PNGs beside it keeps the suite's pages small
        for (Path plot : results.plotFiles()) {
            String file = plot.getFileName().toString();
            if (file.endsWith(".png")) {
                h.append(partOfSuite ? "<img src=\"" + escape(file) + "\" alt=\"" + escape(file) + "\">"
                        : HtmlImages.embeddedPng(plot, file)).append('\n');
            }
        }
        if (!results.source().isEmpty()) {
            h.append("<h2>Where the claim comes from</h2>\n<p>").append(escape(results.source())).append("</p>\n");
        }
        if (!results.rule().isEmpty()) {
            h.append("<h2>Verdict rule</h2>\n<p>").append(escape(results.rule())).append("</p>\n");
        }
        h.append("<h2>Findings</h2>\n");
        if (results.findings().stream().anyMatch(Finding::overSeeds)) {
            h.append("<p class=\"meta\">“a ± b” is the mean over seeds ± its standard error (sd/√n).</p>\n");
        }
        h.append("<table><tr><th>figure</th><th>value</th><th>seeds</th></tr>\n");
        for (Finding f : results.findings()) {
            h.append("<tr><td>").append(escape(f.name())).append("</td><td class=\"num\">")
                    .append(escape(Quantities.scaled(f))).append("</td><td class=\"num\">").append(f.seeds())
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append("<h2>Settings</h2>\n<table>\n");
        for (Map.Entry<String, Object> e : results.settings().entrySet()) {
            h.append("<tr><td>").append(escape(e.getKey())).append("</td><td>").append(escape(String.valueOf(e.getValue())))
                    .append("</td></tr>\n");
        }
        h.append("<tr><td>data</td><td>").append(escape(context.dataSource())).append("</td></tr>\n");
        h.append("</table>\n<h2>Series</h2>\n<ul>\n");
        for (Path csv : results.seriesFiles()) {
            String name = csv.getFileName().toString();
            h.append("<li><a href=\"").append(escape(name)).append("\">").append(escape(name)).append("</a></li>\n");
        }
        h.append("</ul>\n");
        reproduceBox(h, context, seconds);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void reproduceBox(StringBuilder h, ExperimentContext context, double seconds) {
        Reproduce r = context.reproduce();
        StringBuilder seeds = new StringBuilder();
        for (long s : context.seeds()) {
            seeds.append(seeds.length() == 0 ? "" : ", ").append(s);
        }
        h.append("<h2>Reproduce</h2>\n<div class=\"reproduce\">\n");
        if (!r.command().isEmpty()) {
            h.append("<pre>").append(escape(r.command())).append("</pre>\n");
        }
        h.append("<table>")
                .append(row("Descent", r.version() + " (commit " + r.commit() + ")"))
                .append(row("JDK", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"))
                .append(row("threads", r.threads() + " (the figures are bit-identical whatever the count)"))
                .append(row("seed", context.seed() + "; runs over seeds " + seeds))
                .append(row("data", context.dataSource()))
                .append(row("data checksum", r.dataChecksum()))
                .append(row("time", String.format(Locale.ROOT, "%.1f s", seconds)))
                .append("</table>\n</div>\n");
    }

    private static String row(String name, String value) {
        return "<tr><td>" + escape(name) + "</td><td>" + escape(value) + "</td></tr>";
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
