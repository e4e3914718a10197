package dev.descent.cli;

import dev.descent.cli.config.SearchValue;
import dev.descent.plot.HtmlImages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code results.html} of {@code descent tune}: one file with everything inline (styles, and the
 * plots as base64 PNG), no script and no external resource, as {@code descent report}'s page.
 * Sections: what was searched and how, the best configuration with the command that re-runs it
 * and its test figures (the one evaluation of the test split), every trial sorted by validation
 * score with the best highlighted, and one plot per searched key.
 */
final class TunePage {
    private static final String STYLE = ReportPage.STYLE
            + "tr.best td{background:#e6f4ea;font-weight:700}td.fail{color:#a50e0e}"
            + "pre{background:#f6f6f6;padding:.6em .8em;white-space:pre-wrap;word-break:break-all;font-size:.9em}";

    private TunePage() {
    }

    /**
     * The whole page.
     *
     * @param facts label and value pairs describing the search, in order
     * @param rerun the command that trains the best trial's configuration alone
     * @param test the test figures of the retrained best configuration, or what stopped them
     */
    static String html(String source, Map<String, String> facts, List<String> keys, List<TuneTrial> trials,
                       TuneTrial best, boolean classification, String rerun, String test,
                       List<ComparisonPlots.Plot> plots, String generated) {
        StringBuilder h = new StringBuilder(1 << 18);
        String heading = "Hyper-parameter search: " + source;
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape(heading + " · Descent tune")).append("</title>\n<style>").append(STYLE)
                .append("</style></head><body>\n<h1>").append(escape(heading)).append("</h1>\n");
        h.append("<table class=\"facts\">\n");
        facts.forEach((label, value) -> h.append("<tr><th>").append(escape(label)).append("</th><td>")
                .append(escape(value)).append("</td></tr>\n"));
        h.append("</table>\n");

        h.append("<h2>Best configuration</h2>\n");
        if (best == null) {
            h.append("<p class=\"mark\">No trial finished: every one diverged. Search smaller learning rates.</p>\n");
        } else {
            h.append("<p>Trial ").append(best.number()).append(": ");
            List<String> values = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                values.add("<code>" + escape(keys.get(i) + "=" + best.values().get(i).text()) + "</code>");
            }
            h.append(String.join(", ", values)).append(" · ").append(escape(score(best, classification)))
                    .append(".</p>\n<p>Train it alone:</p>\n<pre>")
                    .append(escape(rerun)).append("</pre>\n<p><strong>Test split</strong> (evaluated once, by the best"
                            + " configuration retrained after the search; no trial saw it): ")
                    .append(escape(test)).append("</p>\n");
        }

        h.append("<h2>Trials</h2>\n<p class=\"note\">Sorted by validation ")
                .append(classification ? "accuracy (higher is better), then validation loss"
                        : "loss, the mean squared error (lower is better)")
                .append("; each score is the trial's final model on the validation split. The best is"
                        + " highlighted. Each trial's run directory is <code>trials/NNN/</code>.</p>\n");
        h.append("<table class=\"trials\"><tr><th class=\"num\">rank</th><th class=\"num\">trial</th>");
        keys.forEach(key -> h.append("<th>").append(escape(key)).append("</th>"));
        h.append("<th class=\"num\">").append(classification ? "val accuracy (%)" : "val loss (MSE)").append("</th>");
        if (classification) {
            h.append("<th class=\"num\">val loss</th>");
        }
        h.append("<th class=\"num\">train loss</th><th class=\"num\">epochs</th><th class=\"num\">seconds</th>"
                + "<th>status</th></tr>\n");
        List<TuneTrial> sorted = new ArrayList<>(trials);
        sorted.sort(Comparator.comparing((TuneTrial t) -> !t.finished())
                .thenComparing((a, b) -> a.beats(b, classification) ? -1 : b.beats(a, classification) ? 1 : 0));
        int rank = 0;
        for (TuneTrial t : sorted) {
            h.append(t == best ? "<tr class=\"best\" title=\"best\">" : "<tr>").append("<td class=\"num\">")
                    .append(t.finished() ? Integer.toString(++rank) : "—").append("</td><td class=\"num\">")
                    .append(t.number()).append("</td>");
            for (SearchValue value : t.values()) {
                h.append("<td class=\"value\">").append(escape(value.text())).append("</td>");
            }
            h.append(num(classification ? 100 * t.score() : t.score(), classification ? "%.2f" : "%.4f"));
            if (classification) {
                h.append(num(t.validationLoss(), "%.4f"));
            }
            h.append(num(t.trainLoss(), "%.4f")).append("<td class=\"num\">").append(t.epochs()).append("</td>")
                    .append(num(t.seconds(), "%.1f")).append(t.finished() ? "<td>" : "<td class=\"fail\">")
                    .append(escape(t.status())).append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Validation score against each hyper-parameter</h2>\n");
        if (plots.isEmpty()) {
            h.append("<p class=\"note\">No trial finished: there is nothing to plot.</p>\n");
        }
        for (ComparisonPlots.Plot plot : plots) {
            if (plot.png() == null) {
                h.append("<p class=\"note\">").append(escape(plot.title())).append(": not drawn (")
                        .append(escape(plot.failure())).append(")</p>\n");
                continue;
            }
            h.append("<figure>").append(HtmlImages.embeddedPng(plot.png(), plot.title())).append("\n<figcaption>")
                    .append(escape(plot.caption())).append("</figcaption></figure>\n");
        }
        h.append("<p class=\"meta\">Written by <code>descent tune</code> (Descent ")
                .append(escape(VersionProvider.version())).append(") on ").append(escape(generated))
                .append(".</p>\n</body></html>\n");
        return h.toString();
    }

    /** "validation accuracy 97.22%, loss 0.1234" or "validation loss (MSE) 0.0123". */
    static String score(TuneTrial t, boolean classification) {
        return classification
                ? String.format(Locale.ROOT, "validation accuracy %.2f%%, loss %.4f", 100 * t.score(), t.validationLoss())
                : String.format(Locale.ROOT, "validation loss (mean squared error) %.4f", t.score());
    }

    private static String num(double value, String format) {
        return "<td class=\"num\">" + (Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "—")
                + "</td>";
    }

    private static String escape(String s) {
        return HtmlImages.escape(s);
    }
}
