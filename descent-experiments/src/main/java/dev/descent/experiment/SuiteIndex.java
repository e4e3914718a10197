package dev.descent.experiment;

import dev.descent.plot.HtmlImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code index.html} of a suite run ({@code descent experiment --all}): one row per experiment
 * with its claim, verdict, the reason in one sentence, a thumbnail of its first plot and a link
 * to its report. Thumbnails and reports are linked by relative path, so the folder can be moved
 * or published as it is.
 */
public final class SuiteIndex {

    /**
     * One experiment of the suite.
     *
     * @param report    its {@code report.html}
     * @param thumbnail its first PNG plot, or null when it drew none
     */
    public record Entry(String name, String claim, Verdict outcome, String why, Path report, Path thumbnail,
                        double seconds) {
        public static Entry of(Results results, Path report, double seconds) {
            Path thumbnail = results.plotFiles().stream()
                    .filter(p -> p.getFileName().toString().endsWith(".png")).findFirst().orElse(null);
            return new Entry(results.experiment(), results.claim(), results.outcome(), results.verdict(), report,
                    thumbnail, seconds);
        }
    }

    private SuiteIndex() {
    }

    /** Writes {@code directory/index.html} and returns its path. */
    public static Path write(Path directory, List<Entry> entries, ExperimentContext context) {
        StringBuilder h = new StringBuilder(1 << 14);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Descent experiments</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}")
                .append("table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.5em .7em;")
                .append("text-align:left;vertical-align:top}")
                .append("img.thumbnail{width:220px;border:1px solid #eee}")
                .append(".verdict{padding:.2em .5em;border-radius:4px;white-space:nowrap;font-weight:700}")
                .append(ResultsWriter.VERDICT_CSS).append(".why{color:#444;font-size:.9em}")
                .append(".meta{color:#666;font-size:.9em}</style></head><body>\n");
        h.append("<h1>Descent experiments: the lectures' claims, measured</h1>\n");
        long supported = entries.stream().filter(e -> e.outcome() == Verdict.SUPPORTED).count();
        h.append("<p>").append(supported).append(" of ").append(entries.size())
                .append(" claims supported. Comparative verdicts are judged over ").append(context.seedCount())
                .append(" seeds: a claim holds only when it holds beyond two standard errors of the mean;")
                .append(" otherwise it is inconclusive. Each report states its rule.</p>\n");
        if (context.quick()) {
            h.append("<p class=\"meta\">Quick mode: tiny sizes on the built-in digits; the figures and verdicts"
                    + " mean nothing.</p>\n");
        }
        h.append("<table><tr><th>experiment</th><th>claim</th><th>verdict</th><th>plot</th></tr>\n");
        double total = 0;
        for (Entry e : entries) {
            total += e.seconds();
            String report = relative(directory, e.report());
            h.append("<tr class=\"experiment\"><td><a href=\"").append(escape(report)).append("\">")
                    .append(escape(e.name())).append("</a><div class=\"meta\">")
                    .append(String.format(Locale.ROOT, "%.0f s", e.seconds())).append("</div></td><td>")
                    .append(escape(e.claim())).append("<div class=\"why\">").append(escape(e.why()))
                    .append("</div></td><td><span class=\"verdict ").append(ResultsWriter.verdictClass(e.outcome()))
                    .append("\">").append(e.outcome().label()).append("</span></td><td>");
            if (e.thumbnail() != null) {
                h.append("<a href=\"").append(escape(report)).append("\"><img class=\"thumbnail\" src=\"")
                        .append(escape(relative(directory, e.thumbnail()))).append("\" alt=\"")
                        .append(escape(e.name())).append(" plot\"></a>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
        Reproduce r = context.reproduce();
        h.append("<p class=\"meta\">").append(escape(r.command().isEmpty() ? "" : r.command() + " · "))
                .append("Descent ").append(escape(r.version())).append(" (commit ").append(escape(r.commit()))
                .append(") · JDK ").append(escape(System.getProperty("java.version"))).append(" · ")
                .append(r.threads()).append(" threads · seed ").append(context.seed()).append(" · ")
                .append(escape(context.dataSource())).append(" · ")
                .append(String.format(Locale.ROOT, "%.0f s in all", total)).append("</p>\n</body></html>\n");
        Path index = directory.resolve("index.html");
        try {
            Files.createDirectories(directory);
            Files.writeString(index, h.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + index + ": " + e.getMessage(), e);
        }
        return index;
    }

    /** A relative URL with forward slashes, whatever the platform's separator. */
    private static String relative(Path directory, Path file) {
        return directory.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }

    private static String escape(String s) {
        return HtmlImages.escape(s);
    }
}
