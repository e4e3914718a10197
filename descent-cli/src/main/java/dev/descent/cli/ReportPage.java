package dev.descent.cli;

import dev.descent.plot.HtmlImages;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The HTML of {@code descent report}: one file with everything inline (styles, and the plots as
 * base64 PNG), no script and no external resource, so it opens offline and can be mailed or
 * archived alone. Sections: the runs compared (with their splits' sizes), the configuration keys
 * that differ (every key for a single run), the final metrics with a standard error where one is
 * known and the best value highlighted where its lead exceeds the noise ({@link ClearBest}), and
 * the overlaid curves.
 */
final class ReportPage {
    static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;"
            + "padding:0 1em;color:#222;line-height:1.4}"
            + "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.8em}"
            + "table{border-collapse:collapse;margin:.8em 0}"
            + "td,th{border-bottom:1px solid #ddd;padding:.3em .8em;text-align:left;vertical-align:top}"
            + "th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}th.num{text-align:right}"
            + "td.key,td.value{font-family:ui-monospace,monospace;font-size:.92em}"
            + "td.best{background:#e6f4ea;font-weight:700}.se{color:#666;font-weight:400}"
            + ".mark{color:#a50e0e;font-weight:600}.note,.meta{color:#555}.meta{font-size:.9em;margin-top:2em}"
            + "figure{margin:1.2em 0}img{max-width:100%;border:1px solid #eee}figcaption{color:#555;font-size:.95em}";

    /** The highlighting rule, as the page states it under the final metrics of several runs. */
    static final String NOISE_RULE = " An accuracy is highlighted when its run is ahead of every other run by more than"
            + " 2 combined standard errors, 2·√(SE₁² + SE₂²) (↑ higher is better, ↓ lower); a smaller lead is within"
            + " the noise of sampling the split's examples, and nothing is highlighted. Losses, RMSE, MAE and R² are"
            + " not highlighted: a run does not record the spread of its per-example losses, without which a"
            + " difference cannot be told from noise. Training time and throughput are never highlighted: they"
            + " measure the machine and its load as much as the run.";

    private ReportPage() {
    }

    /** The whole page; {@code plots} are read and embedded here, so they may be deleted afterwards. */
    static String html(List<SavedRun> runs, List<ComparisonPlots.Plot> plots, String generated) {
        StringBuilder h = new StringBuilder(1 << 18);
        String names = runs.stream().map(SavedRun::name).collect(Collectors.joining(", "));
        String heading = runs.size() == 1 ? "Run " + names : "Comparison of " + runs.size() + " runs";
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape(heading + (runs.size() == 1 ? "" : ": " + names) + " · Descent report"))
                .append("</title>\n<style>").append(STYLE).append("</style></head><body>\n");
        h.append("<h1>").append(escape(heading)).append("</h1>\n");
        runsTable(h, runs);
        configuration(h, runs);
        finalMetrics(h, runs);
        curves(h, plots);
        h.append("<p class=\"meta\">Written by <code>descent report</code> (Descent ")
                .append(escape(VersionProvider.version())).append(") on ").append(escape(generated))
                .append(" from ").append(runs.size()).append(runs.size() == 1 ? " run directory" : " run directories")
                .append(".</p>\n</body></html>\n");
        return h.toString();
    }

    private static void runsTable(StringBuilder h, List<SavedRun> runs) {
        h.append("<table class=\"runs\"><tr><th>run</th><th>directory</th><th>data</th>"
                + "<th class=\"num\">examples (train / validation / test)</th><th>status</th></tr>\n");
        for (SavedRun run : runs) {
            String status = status(run);
            h.append("<tr><td>").append(escape(run.name())).append("</td><td class=\"value\">")
                    .append(escape(run.directory().toAbsolutePath().normalize().toString())).append("</td><td>")
                    .append(escape(data(run))).append("</td><td class=\"num\">")
                    .append(escape(SplitSizes.describe(run))).append("</td><td")
                    .append(run.finishedEpochs() == 0 || !run.hasSummary() ? " class=\"mark\"" : "").append(">")
                    .append(escape(status)).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void configuration(StringBuilder h, List<SavedRun> runs) {
        ConfigDifferences differences = ConfigDifferences.of(runs.stream().map(SavedRun::config).toList());
        if (runs.size() == 1) {
            h.append("<h2>Configuration</h2>\n<p class=\"note\">config.yaml, every key (")
                    .append(differences.total())
                    .append("), then the environment the run trained in, from summary.json.</p>\n");
        } else {
            h.append("<h2>Configuration differences</h2>\n<p class=\"note\">");
            int equal = differences.total() - differences.keys().size();
            if (differences.keys().isEmpty()) {
                h.append("All ").append(differences.total()).append(" keys of config.yaml (and the environment from"
                        + " summary.json) are equal in every run.</p>\n");
                return;
            }
            h.append(differences.keys().size()).append(differences.keys().size() == 1 ? " key differs" : " keys differ")
                    .append("; the other ").append(equal).append(" are equal in every run and not shown. Keys from"
                            + " config.yaml, then the environment from summary.json; ")
                    .append(escape(ConfigDifferences.ABSENT)).append(": the run does not have the key.</p>\n");
        }
        h.append("<table class=\"config\"><tr><th>key</th>");
        runs.forEach(run -> h.append("<th>").append(escape(run.name())).append("</th>"));
        h.append("</tr>\n");
        for (int k = 0; k < differences.keys().size(); k++) {
            h.append("<tr><td class=\"key\">").append(escape(differences.keys().get(k))).append("</td>");
            for (List<String> values : differences.values()) {
                h.append("<td class=\"value\">").append(escape(values.get(k))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void finalMetrics(StringBuilder h, List<SavedRun> runs) {
        List<FinalMetric> shown = new ArrayList<>();
        List<double[]> columns = new ArrayList<>();
        List<double[]> errors = new ArrayList<>();
        for (FinalMetric metric : FinalMetric.ALL) {
            double[] values = runs.stream().mapToDouble(metric.value()).toArray();
            if (java.util.Arrays.stream(values).anyMatch(Double::isFinite)) {
                shown.add(metric);
                columns.add(values);
                double[] standardErrors = new double[values.length];
                for (int r = 0; r < values.length; r++) {
                    standardErrors[r] = metric.standardError(runs.get(r), values[r]);
                }
                errors.add(standardErrors);
            }
        }
        h.append("<h2>Final metrics</h2>\n");
        if (shown.isEmpty()) {
            h.append("<p class=\"note\">No run has finished an epoch or written a summary.json: there is nothing to"
                    + " show yet.</p>\n");
            return;
        }
        h.append("<p class=\"note\">Test figures from summary.json, final losses from the last epoch in metrics.csv."
                + " An accuracy p measured on n examples (the split's size, in the table of runs) is shown ± its"
                + " standard error, SE = √(p(1 − p)/n), the binomial one; a run without the split's size has none."
                + (runs.size() > 1 ? NOISE_RULE : "") + "</p>\n");
        h.append("<table class=\"metrics\"><tr><th>run</th>");
        for (FinalMetric metric : shown) {
            String arrow = switch (metric.better()) {
                case HIGHER -> " ↑";
                case LOWER -> " ↓";
                case NEITHER -> "";
            };
            h.append("<th class=\"num\">").append(escape(metric.header() + (runs.size() > 1 ? arrow : "")))
                    .append("</th>");
        }
        h.append("</tr>\n");
        List<boolean[]> best = new ArrayList<>();
        for (int c = 0; c < shown.size(); c++) {
            best.add(shown.get(c).best(columns.get(c), errors.get(c)));
        }
        for (int r = 0; r < runs.size(); r++) {
            SavedRun run = runs.get(r);
            h.append("<tr><td>").append(escape(run.name()));
            if (run.finishedEpochs() == 0) {
                h.append(" <span class=\"mark\">(no finished epoch)</span>");
            } else if (!run.hasSummary()) {
                h.append(" <span class=\"mark\">(unfinished: no summary.json)</span>");
            }
            h.append("</td>");
            for (int c = 0; c < shown.size(); c++) {
                h.append(best.get(c)[r] ? "<td class=\"num best\" title=\"best, by more than the noise\">"
                        : "<td class=\"num\">").append(escape(shown.get(c).print(columns.get(c)[r])));
                double se = errors.get(c)[r];
                if (Double.isFinite(se)) {
                    h.append(" <span class=\"se\">± ").append(escape(shown.get(c).print(se))).append("</span>");
                }
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void curves(StringBuilder h, List<ComparisonPlots.Plot> plots) {
        h.append("<h2>Curves</h2>\n");
        if (plots.isEmpty()) {
            h.append("<p class=\"note\">No run has a finished epoch: there is nothing to plot.</p>\n");
            return;
        }
        for (ComparisonPlots.Plot plot : plots) {
            if (plot.png() == null) {
                h.append("<p class=\"mark\">").append(escape(plot.title())).append(": not drawn (")
                        .append(escape(plot.failure())).append(")</p>\n");
                continue;
            }
            h.append("<figure>").append(HtmlImages.embeddedPng(plot.png(), plot.title())).append("\n<figcaption>")
                    .append(escape(plot.caption())).append("</figcaption></figure>\n");
        }
    }

    /** Where a run stands: finished, stopped early, still without a summary, or without a single epoch. */
    static String status(SavedRun run) {
        int epochs = run.finishedEpochs();
        if (epochs == 0) {
            return "no finished epoch";
        }
        String plural = epochs == 1 ? " epoch" : " epochs";
        if (!run.hasSummary()) {
            return "unfinished: " + epochs + plural + " in metrics.csv, no summary.json";
        }
        double trained = run.summaryNumber("epochs");
        if (trained == Math.rint(trained)) { // the trainer's own count, when the run got as far as writing it
            epochs = (int) trained;
            plural = epochs == 1 ? " epoch" : " epochs";
        }
        String planned = run.configValue("training.epochs");
        if (planned != null && !planned.equals(String.valueOf(epochs))) {
            return "finished after " + epochs + " of " + planned + " epochs";
        }
        return "finished, " + epochs + plural;
    }

    /** The data set's name, or the file or generator the run read instead. */
    static String data(SavedRun run) {
        for (String key : List.of("data.csv", "data.libsvm")) {
            String file = run.configValue(key);
            if (file != null && !file.equals("null")) {
                return file;
            }
        }
        String synthetic = run.configValue("data.synthetic.kind");
        if (synthetic != null) {
            return "synthetic " + synthetic;
        }
        String dataset = run.configValue("data.dataset");
        return dataset == null ? ConfigDifferences.ABSENT : dataset;
    }

    static String escape(String s) {
        return HtmlImages.escape(s);
    }
}
