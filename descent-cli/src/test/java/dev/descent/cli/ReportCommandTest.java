package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code descent report}: two real (tiny) training runs compared in one HTML file, and its errors. */
class ReportCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    @TempDir
    static Path shared;
    private static Path fast;
    private static Path slow;

    /** Two iris runs of two epochs that differ in their learning rate only (about a second each). */
    @BeforeAll
    static void trainTwoRuns() {
        fast = shared.resolve("fast");
        slow = shared.resolve("slow");
        for (String[] args : List.of(new String[] {"--lr", "0.05", "--run-dir", fast.toString()},
                new String[] {"--lr", "0.01", "--run-dir", slow.toString()})) {
            Run r = run("train", "--dataset", "iris", "--epochs", "2", "--hidden", "8", args[0], args[1], args[2],
                    args[3]);
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = DescentCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void comparesTwoRunsInOneSelfContainedFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("comparison.html");
        Run r = run("report", fast.toString(), slow.toString(), "--out", file.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("report   " + file + " (2 runs, 4 plots)\n");
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<h1>Comparison of 2 runs</h1>")
                .contains("<th>fast</th><th>slow</th>");
        // configuration: the differing keys with both values, not the equal ones
        assertThat(html).contains("<h2>Configuration differences</h2>")
                .contains("<td class=\"key\">optimizer.lr</td><td class=\"value\">0.05</td>"
                        + "<td class=\"value\">0.01</td>")
                .contains("<td class=\"key\">schedule.lr_floor</td>")
                .doesNotContain("training.batch_size").doesNotContain("data.dataset</td>");
        // the splits' sizes: iris's 150 examples, 30 held out for testing, 12 of the rest for validation
        assertThat(html).contains("<th class=\"num\">examples (train / validation / test)</th>")
                .contains("<td class=\"num\">108 / 12 / 30</td>");
        // final metrics, one row per run, accuracies with their standard error, the highlighting rule stated
        assertThat(html).contains("<h2>Final metrics</h2>").contains("test accuracy (%) ↑").contains("test loss ↓")
                .contains("best validation accuracy (%) ↑").contains("throughput (samples/s) ↑")
                .contains("<tr><td>fast</td>").contains("<tr><td>slow</td>")
                .contains("<span class=\"se\">± ").contains(ReportPage.NOISE_RULE);
        assertThat(count(html, "class=\"num best\"")).isLessThanOrEqualTo(2); // the accuracies at most
        // four plots embedded as PNG, readable, 900 x 600
        List<BufferedImage> images = embeddedImages(html);
        assertThat(images).hasSize(4);
        assertThat(images).allSatisfy(image -> {
            assertThat(image.getWidth()).isEqualTo(900);
            assertThat(image.getHeight()).isEqualTo(600);
        });
        assertThat(html).contains("alt=\"Training loss · 2 runs\"")
                .contains("alt=\"Validation loss per epoch · 2 runs\"")
                .contains("alt=\"Validation accuracy per epoch · 2 runs\"")
                .contains("alt=\"Learning rate at the end of each epoch · 2 runs\"");
        // nothing to fetch, nothing to run
        assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("<link");
        assertThat(count(html, "src=\"")).isEqualTo(count(html, "src=\"data:image/png;base64,"));
        // the temporary plots are gone, and nothing else was written beside the report
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()).toList()).containsExactly("comparison.html");
        }
    }

    @Test
    void aSingleRunsReportGoesIntoItsDirectoryWithTheWholeConfig() throws IOException {
        Path single = shared.resolve("single");
        copyRun(fast, single);

        Run r = run("report", single.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        Path file = single.resolve("report.html");
        assertThat(r.out()).isEqualTo("report   " + file + " (1 run, 4 plots)\n");
        String html = Files.readString(file);
        assertThat(html).contains("<h1>Run single</h1>").contains("<h2>Configuration</h2>")
                .contains("<td class=\"key\">training.batch_size</td>").contains("<td class=\"key\">optimizer.lr</td>")
                .contains("<td class=\"key\">environment.jdk</td>")
                .doesNotContain("class=\"num best\""); // nothing to compare with
    }

    @Test
    void aRunWithoutAFinishedEpochIsListedAndMarked(@TempDir Path dir) throws IOException {
        Path started = Files.createDirectories(dir.resolve("started"));
        Files.copy(fast.resolve("config.yaml"), started.resolve("config.yaml"));
        Files.writeString(started.resolve("metrics.csv"), String.join(",", RunDirectory.METRIC_COLUMNS) + "\n");
        Path file = dir.resolve("report.html");

        Run r = run("report", fast.toString(), started.toString(), "--out", file.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("note     started (" + started + ") has no finished epoch: listed in the report,"
                + " not plotted").contains("(2 runs, 4 plots)");
        String html = Files.readString(file);
        assertThat(html).contains("<td class=\"mark\">no finished epoch</td>")
                .contains("<tr><td>started <span class=\"mark\">(no finished epoch)</span></td>")
                .contains("<th>fast</th><th>started</th>");
        assertThat(embeddedImages(html)).hasSize(4);
    }

    @Test
    void aDirectoryThatIsNotARunIsAOneLineErrorNamingItAndWhatIsMissing(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run r = run("report", fast.toString(), empty.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("descent: error: " + empty + " is not a run directory: it has no config.yaml and"
                + " no metrics.csv (every run of 'descent train' writes config.yaml and metrics.csv when it starts)\n");

        Path configOnly = Files.createDirectories(dir.resolve("config-only"));
        Files.copy(fast.resolve("config.yaml"), configOnly.resolve("config.yaml"));
        Run half = run("report", configOnly.toString());
        assertThat(half.exitCode()).isEqualTo(1);
        assertThat(half.err()).startsWith("descent: error: " + configOnly + " is not a run directory: it has no"
                + " metrics.csv (").hasLineCount(1);

        Run missing = run("report", dir.resolve("nowhere").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith("descent: error: " + dir.resolve("nowhere") + " does not exist")
                .hasLineCount(1);
        assertThat(dir.resolve("report.html")).doesNotExist();

        Run intoDirectory = run("report", fast.toString(), "--out", dir.toString());
        assertThat(intoDirectory.exitCode()).isEqualTo(1);
        assertThat(intoDirectory.err()).isEqualTo("descent: error: --out " + dir + " is a directory; give a file name,"
                + " e.g. --out " + dir.resolve("report.html") + "\n");
    }

    @Test
    void withoutRunDirectoriesItAsksForOne() {
        Run r = run("report");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter").contains("RUN_DIR")
                .contains("See 'descent report --help'");
    }

    @Test
    void equalDirectoryNamesAreToldApartByTheirParentThenByNumber() {
        assertThat(ReportCommand.runNames(List.of(Path.of("/x/a/run"), Path.of("/x/b/run"), Path.of("/x/a/run"),
                Path.of("/x/other")))).containsExactly("a/run", "b/run", "a/run (2)", "other");
    }

    @Test
    void configDifferencesKeepOnlyKeysThatDifferAndCountAMissingKeyAsADifference() {
        ConfigDifferences d = ConfigDifferences.of(List.of(Map.of("a", "1", "b", "2", "c", "x"),
                Map.of("a", "1", "b", "3")));
        assertThat(d.total()).isEqualTo(3);
        assertThat(d.keys()).containsExactlyInAnyOrder("b", "c");
        int c = d.keys().indexOf("c");
        assertThat(d.values().get(1).get(c)).isEqualTo(ConfigDifferences.ABSENT);

        assertThat(ConfigDifferences.of(List.of(Map.of("a", "1"))).keys()).containsExactly("a");
    }

    @Test
    void aKeyOnlySomeRunsHaveIsShownWhereItStandsInTheirConfig() {
        Map<String, String> first = new java.util.LinkedHashMap<>();
        first.put("data.dataset", "digits");
        first.put("data.synthetic", "null");
        first.put("model.kind", "mlp");
        Map<String, String> second = new java.util.LinkedHashMap<>();
        second.put("data.dataset", "null");
        second.put("data.synthetic.kind", "blobs");
        second.put("data.synthetic.n", "500");
        second.put("model.kind", "linear");
        assertThat(ConfigDifferences.of(List.of(first, second)).keys()).containsExactly("data.dataset",
                "data.synthetic.kind", "data.synthetic.n", "data.synthetic", "model.kind");
    }

    @Test
    void aLeadIsOnlyAClearBestWhenItExceedsTwoCombinedStandardErrors() {
        double se1 = ClearBest.binomial(0.8644, 10_000);
        double se2 = ClearBest.binomial(0.8636, 10_000);
        assertThat(se1).isCloseTo(0.003424, within(1e-6));
        // the case: 0.08 points apart, 2 combined standard errors are 0.97 points
        assertThat(ClearBest.of(new double[] {86.44, 86.36}, new double[] {100 * se1, 100 * se2}, true)).isEqualTo(-1);
        double[] clear = {ClearBest.binomial(0.9, 10_000), ClearBest.binomial(0.8, 10_000)};
        assertThat(ClearBest.of(new double[] {0.9, 0.8}, clear, true)).isZero();
        assertThat(ClearBest.of(new double[] {0.8, 0.9, Double.NaN}, new double[] {clear[1], clear[0], Double.NaN},
                true)).isEqualTo(1); // a run without the figure takes no part
        // ahead of the runner-up is not enough: every other run must be left behind by more than the noise
        assertThat(ClearBest.of(new double[] {0.9, 0.8, 0.89}, new double[] {0.001, 0.001, 0.02}, true)).isEqualTo(-1);
        assertThat(ClearBest.of(new double[] {0.5, 0.5}, new double[] {0, 0}, true)).isEqualTo(-1); // a tie
        assertThat(ClearBest.of(new double[] {0.9}, new double[] {0}, true)).isEqualTo(-1);
        assertThat(ClearBest.of(new double[] {0.9, 0.8}, new double[] {Double.NaN, 0.004}, true)).isEqualTo(-1);
        assertThat(ClearBest.of(new double[] {0.2, 0.3}, new double[] {0.01, 0.01}, false)).isZero(); // lower is better
        assertThat(ClearBest.binomial(0.9, Double.NaN)).isNaN();
        assertThat(ClearBest.binomial(1, 100)).isZero();
    }

    @Test
    void columnsWithoutAStandardErrorAreNeverHighlighted() {
        for (String header : List.of("test loss", "test RMSE", "test MAE", "test R²", "final training loss",
                "final validation loss", "epochs", "training time (s)", "throughput (samples/s)")) {
            assertThat(metric(header).highlightable()).as(header).isFalse();
            assertThat(metric(header).best(new double[] {1, 1000}, new double[] {0, 0})).as(header)
                    .containsExactly(false, false);
        }
        assertThat(metric("test accuracy (%)").highlightable()).isTrue();
        assertThat(metric("best validation accuracy (%)").highlightable()).isTrue();
    }

    @Test
    void accuraciesWithinTheNoiseOfTheirSplitAreNotHighlighted(@TempDir Path dir) throws IOException {
        // the example: 86.44 % against 86.36 % on 10,000 test images; time and throughput far apart
        Path a = fakeRun(dir.resolve("a"), 0.8644, 0.88, 12.0, 50_000, true);
        Path b = fakeRun(dir.resolve("b"), 0.8636, 0.87, 120.0, 5_000, true);
        String html = report(dir, a, b);
        assertThat(html).contains("86.44 <span class=\"se\">± 0.34</span>")
                .contains("86.36 <span class=\"se\">± 0.34</span>")
                .contains("<td class=\"num\">54,000 / 6,000 / 10,000</td>");
        assertThat(count(html, "class=\"num best\"")).isZero();
    }

    @Test
    void aClearWinIsHighlightedAndTimeAndThroughputNeverAre(@TempDir Path dir) throws IOException {
        Path a = fakeRun(dir.resolve("a"), 0.90, 0.90, 12.0, 50_000, true);
        Path b = fakeRun(dir.resolve("b"), 0.80, 0.80, 120.0, 5_000, true);
        String html = report(dir, a, b);
        // test and validation accuracy, and nothing else (losses, time and throughput differ as well)
        assertThat(count(html, "class=\"num best\"")).isEqualTo(2);
        assertThat(html).contains("<td class=\"num best\" title=\"best, by more than the noise\">90.00 <span"
                + " class=\"se\">± 0.30</span></td>");
        assertThat(html).doesNotContain("best, by more than the noise\">12.0")
                .doesNotContain("best, by more than the noise\">50,000");
    }

    @Test
    void anOldRunWithoutSplitSizesOrStepMetricsStillRenders(@TempDir Path dir) throws IOException {
        Path old = fakeRun(dir.resolve("old"), 0.90, 0.90, 12.0, 50_000, false);
        Path recent = fakeRun(dir.resolve("recent"), 0.80, 0.80, 120.0, 5_000, true);
        Path file = dir.resolve("report.html");
        Run r = run("report", old.toString(), recent.toString(), "--out", file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String html = Files.readString(file);
        assertThat(html).contains("<td class=\"num\">— / — / —</td>")
                .contains("<td class=\"num\">54,000 / 6,000 / 10,000</td>")
                .contains("<td class=\"num\">90.00</td>"); // no standard error without the split's size
        assertThat(count(html, "class=\"num best\"")).isZero(); // its noise is not known: no clear best
        assertThat(embeddedImages(html)).hasSize(4); // training loss per epoch for the old run, per step for the other
    }

    private static FinalMetric metric(String header) {
        return FinalMetric.ALL.stream().filter(m -> m.header().equals(header)).findFirst().orElseThrow();
    }

    @Test
    void configIsFlattenedToDottedKeysWithListsAsOneValue(@TempDir Path dir) throws IOException {
        Path runDir = Files.createDirectories(dir.resolve("r"));
        Files.writeString(runDir.resolve("config.yaml"), "task: classification\nmodel:\n  hidden:\n    - 256\n"
                + "    - 128\n  dropout: 0.0\ntraining:\n  early_stopping: null\n");
        Files.writeString(runDir.resolve("metrics.csv"), "epoch,train_loss,val_loss\n1,0.5,\n2,0.25,0.3\n");
        SavedRun run = SavedRun.read(runDir, "r");
        assertThat(run.config()).containsExactly(Map.entry("task", "classification"),
                Map.entry("model.hidden", "[256, 128]"), Map.entry("model.dropout", "0.0"),
                Map.entry("training.early_stopping", "null"));
        assertThat(run.finishedEpochs()).isEqualTo(2);
        assertThat(run.metric("val_loss")).containsExactly(Double.NaN, 0.3);
        assertThat(run.metric("val_accuracy")).containsExactly(Double.NaN, Double.NaN);
        assertThat(ReportPage.status(run)).isEqualTo("unfinished: 2 epochs in metrics.csv, no summary.json");
    }

    /**
     * A finished two-epoch classification run on Fashion-MNIST's splits, written by hand; with
     * {@code recent} its summary.json has the splits' sizes and it has a metrics-steps.csv.
     */
    private static Path fakeRun(Path directory, double testAccuracy, double validationAccuracy, double seconds,
                                double throughput, boolean recent) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("config.yaml"), "task: classification\ndata:\n  dataset: fashion-mnist\n"
                + "training:\n  epochs: 2\n");
        Files.writeString(directory.resolve("metrics.csv"), String.join(",", RunDirectory.METRIC_COLUMNS) + "\n"
                + "1,844,0.01,0.6,0.5,0.8,-0.1,5000,5\n2,1688,0.001,0.4," + (1.3 - validationAccuracy) + ","
                + validationAccuracy + ",0.1,5000,5\n");
        String sizes = recent ? ", \"train_examples\": 54000, \"val_examples\": 6000, \"test_examples\": 10000" : "";
        Files.writeString(directory.resolve("summary.json"), "{\"task\": \"classification\", \"epochs\": 2,"
                + " \"train_seconds\": " + seconds + ", \"samples_per_second\": " + throughput
                + ", \"best_val_accuracy\": " + validationAccuracy + sizes + ", \"test_accuracy\": " + testAccuracy
                + ", \"test_loss\": " + (1.3 - testAccuracy) + "}\n");
        if (recent) {
            StringBuilder steps = new StringBuilder(StepMetricsLog.HEADER).append('\n');
            for (int step = 100; step <= 1688; step += 100) {
                steps.append(step).append(',').append(step / 844.0).append(',').append(step * 64).append(',')
                        .append(1.0 / Math.sqrt(step)).append(",0.01,").append(step / 100.0).append('\n');
            }
            steps.append("1700,2.01"); // a line cut short by a crash: left out
            Files.writeString(directory.resolve(StepMetricsLog.FILE), steps);
        }
        return directory;
    }

    private static String report(Path dir, Path... runs) throws IOException {
        Path file = dir.resolve("report.html");
        List<String> args = new java.util.ArrayList<>(List.of("report"));
        for (Path r : runs) {
            args.add(r.toString());
        }
        args.addAll(List.of("--out", file.toString()));
        Run r = run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return Files.readString(file);
    }

    private static List<BufferedImage> embeddedImages(String html) {
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        List<BufferedImage> images = new java.util.ArrayList<>();
        while (m.find()) {
            try {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
                assertThat(image).isNotNull();
                images.add(image);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return images;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static void copyRun(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String name : List.of("config.yaml", "metrics.csv", "summary.json")) {
            Files.copy(from.resolve(name), to.resolve(name));
        }
    }
}
