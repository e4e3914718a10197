package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.cli.config.ConfigLoader;
import dev.descent.cli.config.RunConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code descent tune}: a 2 × 2 grid on iris, random searches on iris, a regression search, and
 * the errors of a bad search space. Trials of two epochs on a few hundred examples: seconds in all.
 */
class TuneCommandTest {
    private static final Path IRIS_EXAMPLE = Path.of("..", "examples", "tune", "iris-mlp.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IRIS = """
            data: {dataset: iris}
            model: {hidden: [8]}
            schedule: {name: constant}
            training: {epochs: 2, batch_size: 16}
            """;

    private record Run(int exitCode, String out, String err) {
    }

    @TempDir
    static Path shared;
    private static Path grid;
    private static Run gridRun;

    /** The iris example: optimizer.lr [0.03, 0.3] × model.activation [relu, tanh], two epochs each. */
    @BeforeAll
    static void searchTheIrisGrid() {
        grid = shared.resolve("grid");
        gridRun = run("tune", IRIS_EXAMPLE.toString(), "--out", grid.toString());
        assertThat(gridRun.exitCode()).as(gridRun.err()).isZero();
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
    void aGridRunsEveryCombinationAndWritesOneRowPerTrial() throws IOException {
        List<String> rows = Files.readAllLines(grid.resolve("trials.csv"));

        assertThat(rows.get(0)).isEqualTo("trial,seed,optimizer.lr,model.activation,val_score,val_loss,train_loss,"
                + "epochs,seconds,status");
        assertThat(rows).hasSize(5);
        assertThat(rows.subList(1, 5)).extracting(row -> String.join(",", Arrays.copyOfRange(row.split(","), 0, 4)))
                .containsExactly("1,42,0.03,relu", "2,42,0.03,tanh", "3,42,0.3,relu", "4,42,0.3,tanh");
        assertThat(rows.subList(1, 5)).allSatisfy(row -> {
            String[] fields = row.split(",");
            assertThat(Double.parseDouble(fields[4])).isBetween(0.0, 1.0); // a validation accuracy
            assertThat(fields[7]).isEqualTo("2");
            assertThat(fields[9]).isEqualTo("ok");
        });
        assertThat(gridRun.out()).contains("grid search, 4 trials over optimizer.lr (2 choices), model.activation"
                + " (2 choices)").contains("  1/4 ").contains("  4/4 ");
        for (String trial : List.of("001", "002", "003", "004")) {
            assertThat(grid.resolve("trials").resolve(trial).resolve("model.safetensors")).exists();
        }
    }

    @Test
    void trialsNeverEvaluateTheTestSplitAndTheBestIsTestedExactlyOnce() throws IOException {
        for (String trial : List.of("001", "002", "003", "004")) {
            Path directory = grid.resolve("trials").resolve(trial);
            JsonNode summary = JSON.readTree(directory.resolve("summary.json").toFile());
            assertThat(summary.has("val_accuracy")).isTrue();
            assertThat(summary.has("val_loss")).isTrue();
            assertThat(fieldNames(summary)).noneMatch(name -> name.startsWith("test"));
            assertThat(Files.readString(directory.resolve("train.log"))).doesNotContain("test     ")
                    .contains("validation loss ").contains("the test split is not evaluated");
            assertThat(directory.resolve("plots")).doesNotExist();
        }
        JsonNode summary = JSON.readTree(grid.resolve("summary.json").toFile());
        assertThat(summary.get("test_accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(summary.get("test_loss").asDouble()).isPositive();
        assertThat(summary.get("search").asText()).isEqualTo("grid");
        assertThat(summary.get("trials").asInt()).isEqualTo(4);
        assertThat(summary.get("retrained_weights_identical").asBoolean()).isTrue();
        String bestRunLog = Files.readString(grid.resolve("best-run").resolve("train.log"));
        assertThat(count(bestRunLog, "test     loss")).isEqualTo(1);
        assertThat(count(gridRun.out(), "\ntest     accuracy")).isEqualTo(1);
        assertThat(grid.resolve("best-run").resolve("plots").resolve("confusion.png")).exists();
    }

    @Test
    void theBestConfigurationIsWrittenAndItsRerunCommandRebuildsIt() throws IOException {
        JsonNode summary = JSON.readTree(grid.resolve("summary.json").toFile());
        int best = summary.get("best_trial").asInt();
        Path trial = grid.resolve("trials").resolve(String.format("%03d", best));
        RunConfig trialConfig = ConfigLoader.load(trial.resolve("config.yaml"), List.of());

        // the best has the highest validation accuracy in trials.csv
        double bestScore = Files.readAllLines(grid.resolve("trials.csv")).stream().skip(1)
                .mapToDouble(row -> Double.parseDouble(row.split(",")[4])).max().orElseThrow();
        assertThat(summary.get("best_val_score").asDouble()).isEqualTo(bestScore);
        assertThat(ConfigLoader.load(grid.resolve("best.yaml"), List.of())).isEqualTo(trialConfig);

        // the printed command: base.yaml plus one --set per searched key gives the trial's configuration
        Matcher rerun = Pattern.compile("rerun    \\./descent train --config (\\S+)((?: --set \\S+)+)\n")
                .matcher(gridRun.out());
        assertThat(rerun.find()).as(gridRun.out()).isTrue();
        assertThat(Path.of(rerun.group(1))).isEqualTo(grid.resolve("base.yaml"));
        List<String> sets = Arrays.stream(rerun.group(2).trim().split(" ")).filter(s -> !s.equals("--set")).toList();
        assertThat(sets).hasSize(2).allMatch(s -> s.startsWith("optimizer.lr=") || s.startsWith("model.activation="));
        assertThat(ConfigLoader.load(grid.resolve("base.yaml"), sets)).isEqualTo(trialConfig);
        assertThat(summary.get("rerun").asText()).isEqualTo(rerun.group(0).substring(9).trim());
    }

    @Test
    void theResultsPageIsSelfContainedSortedByScoreWithAPlotPerKey() throws IOException {
        String html = Files.readString(grid.resolve("results.html"));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<h2>Best configuration</h2>")
                .contains("<th>optimizer.lr</th><th>model.activation</th>")
                .contains("alt=\"Validation accuracy against optimizer.lr · 4 trials\"")
                .contains("alt=\"Validation accuracy against model.activation · 4 trials\"");
        assertThat(count(html, "src=\"data:image/png;base64,")).isEqualTo(2);
        assertThat(count(html, "<tr class=\"best\"")).isEqualTo(1);
        assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
        // rank 1 is the best trial
        int best = JSON.readTree(grid.resolve("summary.json").toFile()).get("best_trial").asInt();
        assertThat(html).contains("<tr class=\"best\" title=\"best\"><td class=\"num\">1</td><td class=\"num\">"
                + best + "</td>");
        assertThat(grid.resolve("plots").resolve("score-vs-optimizer.lr.png")).exists();
        assertThat(grid.resolve("plots").resolve("score-vs-model.activation.svg")).exists();
    }

    @Test
    void aRandomSearchIsReproducibleFromItsSeed(@TempDir Path dir) throws IOException {
        Path file = write(dir, "random.yaml", IRIS + """
                search:
                  optimizer.lr: {log_uniform: [0.001, 0.5]}
                  optimizer.momentum: {uniform: [0.0, 0.95]}
                  training.batch_size: {int_uniform: [8, 32]}
                  model.activation: [relu, tanh, gelu]
                """);

        List<String> first = trialsWithoutSeconds(dir.resolve("a"), file, "7");
        List<String> again = trialsWithoutSeconds(dir.resolve("b"), file, "7");
        List<String> other = trialsWithoutSeconds(dir.resolve("c"), file, "8");

        assertThat(first).hasSize(4).isEqualTo(again);
        assertThat(other).hasSize(4);
        assertThat(other.subList(1, 4)).doesNotContainAnyElementsOf(first.subList(1, 4));
        for (String row : first.subList(1, 4)) {
            String[] fields = row.split(",");
            assertThat(Double.parseDouble(fields[2])).isBetween(0.001, 0.5);
            assertThat(Double.parseDouble(fields[3])).isBetween(0.0, 0.95);
            assertThat(Integer.parseInt(fields[4])).isBetween(8, 32);
            assertThat(fields[5]).isIn("relu", "tanh", "gelu");
            assertThat(new BigDecimal(fields[2]).stripTrailingZeros().precision()).isLessThanOrEqualTo(4);
        }
    }

    /** trials.csv of a random search of three trials, without the seconds column (the one thing that varies). */
    private static List<String> trialsWithoutSeconds(Path out, Path file, String seed) throws IOException {
        Run r = run("tune", file.toString(), "--search", "random", "--trials", "3", "--seed", seed, "--out",
                out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("random search (--seed " + seed + "), 3 trials");
        List<String> rows = new ArrayList<>();
        for (String row : Files.readAllLines(out.resolve("trials.csv"))) {
            List<String> fields = new ArrayList<>(List.of(row.split(",")));
            fields.remove(fields.size() - 2);
            rows.add(String.join(",", fields));
        }
        return rows;
    }

    @Test
    void aDivergedTrialIsRecordedAndTheSearchGoesOn(@TempDir Path dir) throws IOException {
        Path file = write(dir, "diverging.yaml", IRIS.replace("schedule: {name: constant}",
                "schedule: {name: constant}\noptimizer: {name: sgd, momentum: 0.0}") + """
                search:
                  optimizer.lr: [0.05, 1.0e6]
                """);

        Run r = run("tune", file.toString(), "--out", dir.resolve("out").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(dir.resolve("out").resolve("trials.csv"));
        assertThat(rows.get(1)).startsWith("1,42,0.05,").endsWith(",ok");
        assertThat(rows.get(2)).startsWith("2,42,1000000.0,,,,0,").endsWith(",diverged");
        assertThat(r.out()).contains("diverged after").contains("best     trial 1:");
    }

    @Test
    void aRegressionSearchMinimisesTheValidationLoss(@TempDir Path dir) throws IOException {
        Path file = write(dir, "regression.yaml", """
                task: regression
                data: {synthetic: {kind: linear-regression, n: 300, features: 3, noise: 0.1}}
                model: {kind: linear}
                optimizer: {name: sgd, lr: 0.01, momentum: 0.0}
                schedule: {name: constant}
                training: {epochs: 2, batch_size: 16}
                search:
                  optimizer.lr: [0.001, 0.05]
                """);

        Run r = run("tune", file.toString(), "--out", dir.resolve("out").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode summary = JSON.readTree(dir.resolve("out").resolve("summary.json").toFile());
        assertThat(summary.get("score").asText()).isEqualTo("val_loss");
        assertThat(summary.get("best_values").get("optimizer.lr").asText()).isEqualTo("0.05"); // 2 epochs at 0.001 barely move
        assertThat(summary.has("test_rmse")).isTrue();
        assertThat(fieldNames(JSON.readTree(dir.resolve("out").resolve("trials").resolve("001")
                .resolve("summary.json").toFile()))).contains("val_rmse", "val_loss").noneMatch(n -> n.startsWith("test"));
        assertThat(r.out()).contains("   val loss   train loss").contains("test     rmse ");
    }

    @Test
    void aBadSearchSpaceIsOneLineNamingTheFileTheKeyAndTheFix(@TempDir Path dir) throws IOException {
        assertError(dir, "unknown.yaml", "  optimizer.learning_rate: [0.1, 0.01]\n",
                "unknown key 'optimizer.learning_rate' (value 0.1) in %s line 6, column 29: search."
                        + "optimizer.learning_rate, choice 1; did you mean 'optimizer.lr'?");
        assertError(dir, "empty.yaml", "  optimizer.lr: []\n",
                "search.optimizer.lr: an empty list has nothing to try (in %s line 6, column 3); list one or more"
                        + " values, e.g. optimizer.lr: [a, b], or remove the key");
        assertError(dir, "log.yaml", "  optimizer.lr: {log_uniform: [0, 0.1]}\n",
                "search.optimizer.lr: log_uniform needs bounds > 0 (it draws the logarithm uniformly), got [0, 0.1]"
                        + " (in %s line 6, column 3)");
        assertError(dir, "order.yaml", "  optimizer.lr: {uniform: [0.1, 0.01]}\n",
                "search.optimizer.lr: uniform needs finite bounds with low < high, got [0.1, 0.01]");
        assertError(dir, "rejected.yaml", "  optimizer.weight_decay: [0, 0.001, -1]\n",
                "optimizer.weight_decay: out of range, got -1.0; allowed: a finite number ≥ 0 (in %s line 6, column"
                        + " 38: search.optimizer.weight_decay, choice 3)");
        assertError(dir, "activation.yaml", "  model.activation: [relu, swish]\n",
                "model.activation: not a known value, got 'swish'; allowed: relu, tanh, gelu, sigmoid, leaky_relu");
        assertError(dir, "seed.yaml", "  training.seed: [1, 2]\n",
                "search.training.seed: cannot be searched (in %s line 6, column 3): the seed also draws the validation"
                        + " and test splits");
        assertError(dir, "scalar.yaml", "  optimizer.lr: 0.1\n",
                "search.optimizer.lr: a single value (0.1) searches nothing");
        assertError(dir, "kind.yaml", "  optimizer.lr: {loguniform: [0.001, 0.1]}\n", "did you mean 'log_uniform'?");

        Path none = write(dir, "none.yaml", IRIS);
        assertThat(run("tune", none.toString()).err()).startsWith("descent: error: " + none + ": no search section;");
    }

    @Test
    void gridAndRandomModesSayWhatTheyNeed(@TempDir Path dir) throws IOException {
        Path range = write(dir, "range.yaml", IRIS + "search:\n  optimizer.lr: {log_uniform: [0.001, 0.1]}\n");
        Run grid = run("tune", range.toString(), "--out", dir.resolve("a").toString());
        assertThat(grid.exitCode()).isEqualTo(1);
        assertThat(grid.err()).contains("search.optimizer.lr is a range (log_uniform [0.001, 0.1]), which has no grid"
                + " points; list the values to try, e.g. optimizer.lr: [0.001, 0.01, 0.1], or draw from the range with"
                + " --search random --trials N");

        Run random = run("tune", range.toString(), "--search", "random");
        assertThat(random.err()).contains("--search random needs --trials N");

        String eleven = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]";
        Path big = write(dir, "big.yaml", IRIS + "search:\n  training.epochs: " + eleven + "\n  training.batch_size: "
                + eleven + "\n  model.hidden: " + eleven + "\n");
        Run huge = run("tune", big.toString(), "--out", dir.resolve("b").toString());
        assertThat(huge.exitCode()).isEqualTo(1);
        assertThat(huge.err()).contains("the grid has 1331 points (11 × 11 × 11), more than 1000; shorten the lists,"
                + " or run some of it with --trials N");
        assertThat(dir.resolve("b")).doesNotExist(); // checked before anything is written

        Run mode = run("tune", range.toString(), "--search", "bayes");
        assertThat(mode.exitCode()).isEqualTo(2);
        assertThat(mode.err()).contains("--search: expected grid or random, got 'bayes'");
    }

    @Test
    void aGridSubsetRunsTheChosenNumberOfPointsInGridOrder(@TempDir Path dir) throws IOException {
        Path file = write(dir, "subset.yaml", IRIS + "search:\n  optimizer.lr: [0.01, 0.03, 0.1]\n"
                + "  model.activation: [relu, tanh]\n");

        Run r = run("tune", file.toString(), "--trials", "2", "--seed", "3", "--out", dir.resolve("out").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(dir.resolve("out").resolve("trials.csv"));
        assertThat(rows).hasSize(3);
        assertThat(r.out()).contains("grid search, 2 trials");
    }

    @Test
    void aMistakeInTheRunConfigurationPointsAtItsLineEvenAfterTheSearchSection(@TempDir Path dir) throws IOException {
        Path file = write(dir, "after.yaml", """
                search:
                  optimizer.lr: [0.1, 0.01]
                  model.activation: [relu, tanh]
                data: {dataset: iris}
                optimizer:
                  name: sgd
                  momentum: 1.5
                """);

        Run r = run("tune", file.toString());

        assertThat(r.err()).isEqualTo("descent: error: optimizer.momentum: out of range, got 1.5; allowed: [0, 1) (in "
                + file + " line 7, column 3)\n");
    }

    @Test
    void theTuneExamplesLoadAndSayHowToRunThem() throws IOException {
        try (Stream<Path> files = Files.list(IRIS_EXAMPLE.getParent())) {
            List<Path> examples = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(examples).extracting(f -> f.getFileName().toString())
                    .containsExactly("fashion-mnist-mlp.yaml", "iris-mlp.yaml");
            for (Path example : examples) {
                dev.descent.cli.config.TuneFile tune = dev.descent.cli.config.TuneFile.load(example);
                assertThat(tune.space().dimensions()).isNotEmpty();
                assertThat(Files.readString(example)).startsWith("# ")
                        .contains("./descent tune examples/tune/" + example.getFileName());
            }
        }
    }

    private static void assertError(Path dir, String name, String search, String expected) throws IOException {
        Path file = write(dir, name, IRIS + "search:\n" + search);
        Run r = run("tune", file.toString(), "--out", dir.resolve("out-" + name).toString());
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(r.err()).startsWith("descent: error: ").contains(String.format(expected, file))
                .hasLineCount(1);
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
