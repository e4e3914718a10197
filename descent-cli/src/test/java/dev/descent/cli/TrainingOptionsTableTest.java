package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.cli.config.ConfigLoader;
import dev.descent.cli.config.EarlyStoppingSettings;
import dev.descent.cli.config.ModelSettings;
import dev.descent.cli.config.OptimizerSettings;
import dev.descent.cli.config.RunConfig;
import dev.descent.cli.config.ScheduleSettings;
import dev.descent.io.SafeTensors;
import dev.descent.kernel.ComputeThreads;
import dev.descent.model.Predictor;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every training option × {classification, regression}: each one either works, with the effect
 * it promises visible in metrics.csv, summary.json, model.safetensors or the output, or is
 * refused before training starts, with exit code 1 and one line {@code descent: error: ...}
 * naming the key and the task, and the run directory left as it was.
 *
 * <p>Classification trains on the built-in iris, regression on the built-in diabetes (Adam, lr
 * 0.01: SGD's default 0.05 diverges on its unscaled targets); both with one hidden layer of 8.
 * Runs that compare model files train 4 epochs with seed 7, like the {@link #baseline}.
 */
class TrainingOptionsTableTest {

    // ---- the tasks ------------------------------------------------------------------------------

    enum Task {
        CLASSIFICATION("classification", List.of("--dataset", "iris"), List.of(), 0.05, 3, 4),
        REGRESSION("regression", List.of("--dataset", "diabetes"), List.of("--optimizer", "adam", "--lr", "0.01"),
                0.01, 1, 10);

        final String configName;
        final List<String> data;
        final List<String> optimizer;
        final double lr;
        final int outputs;
        final int features;

        Task(String configName, List<String> data, List<String> optimizer, double lr, int outputs, int features) {
            this.configName = configName;
            this.data = data;
            this.optimizer = optimizer;
            this.lr = lr;
            this.outputs = outputs;
            this.features = features;
        }

        @Override
        public String toString() {
            return configName;
        }
    }

    // ---- the table's vocabulary -----------------------------------------------------------------

    /** What a task does with an option: works, or is refused naming {@code key}. */
    record Expect(String refusedKey) {
        boolean works() {
            return refusedKey == null;
        }
    }

    private static final Expect WORKS = new Expect(null);

    private static Expect refused(String key) {
        return new Expect(key);
    }

    /** The whole argument list of the run under test (--run-dir and --no-plots are added). */
    @FunctionalInterface
    interface Args {
        List<String> of(Fixture f) throws Exception;
    }

    /** What the run under test must show, when it works. */
    @FunctionalInterface
    interface Check {
        void check(Fixture f, Run run) throws Exception;
    }

    record Row(String option, Expect classification, Expect regression, Args args, Check check) {
        Expect expect(Task task) {
            return task == Task.CLASSIFICATION ? classification : regression;
        }
    }

    private static Row row(String option, Args args, Check check) {
        return new Row(option, WORKS, WORKS, args, check);
    }

    // ---- running commands -----------------------------------------------------------------------

    record Run(int code, String out, String err, Path dir) {

        List<Map<String, String>> metrics() throws IOException {
            List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
            List<String> header = List.of(lines.get(0).split(",", -1));
            assertThat(header).isEqualTo(RunDirectory.METRIC_COLUMNS);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                assertThat(cells).as(line).hasSize(header.size());
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < cells.length; i++) {
                    row.put(header.get(i), cells[i]);
                }
                rows.add(row);
            }
            return rows;
        }

        List<Double> column(String name) throws IOException {
            return metrics().stream().map(r -> Double.parseDouble(r.get(name))).toList();
        }

        JsonNode summary() throws IOException {
            return new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        }

        RunConfig config() throws IOException {
            return ConfigLoader.load(dir.resolve("config.yaml"), List.of());
        }

        byte[] modelBytes() throws IOException {
            return Files.readAllBytes(dir.resolve("model.safetensors"));
        }

        Map<String, Tensor> tensors() throws IOException {
            return SafeTensors.read(dir.resolve("model.safetensors")).tensors();
        }

        /** The train, validation and test sizes of the "data" line. */
        int[] splitSizes() {
            Matcher m = Pattern.compile("train (\\d+), validation (\\d+), test (\\d+)").matcher(out);
            assertThat(m.find()).as(out).isTrue();
            return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))};
        }

        String describe() {
            return "exit " + code + "\nout:\n" + out + "\nerr:\n" + err;
        }
    }

    private static Run execute(List<String> args, Path runDir) {
        List<String> all = new ArrayList<>(args);
        if (runDir != null) {
            all.addAll(List.of("--run-dir", runDir.toString(), "--no-plots"));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = DescentCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString(), runDir);
    }

    private static Run succeeds(List<String> args, Path runDir) {
        Run run = execute(args, runDir);
        assertThat(run.code()).as(String.join(" ", args) + "\n" + run.describe()).isZero();
        assertThat(run.err()).as(String.join(" ", args)).doesNotContain("error");
        return run;
    }

    /** One test's surroundings: its task, a fresh folder, and ways to build and run commands. */
    static final class Fixture {
        final Task task;
        final Path dir;
        private int runs;

        Fixture(Task task, Path dir) {
            this.task = task;
            this.dir = dir;
        }

        /** The task's data, a hidden layer of 8, its optimizer, then {@code extra}. */
        List<String> base(String... extra) {
            List<String> args = new ArrayList<>(List.of("train"));
            args.addAll(task.data);
            args.addAll(List.of("--hidden", "8"));
            args.addAll(task.optimizer);
            args.addAll(List.of(extra));
            return args;
        }

        /** Like {@link #base} but with the optimizer left to {@code extra}. */
        List<String> baseWithoutOptimizer(String... extra) {
            List<String> args = new ArrayList<>(List.of("train"));
            args.addAll(task.data);
            args.addAll(List.of("--hidden", "8"));
            args.addAll(List.of(extra));
            return args;
        }

        /** The comparison run: base, 4 epochs, seed 7 (trained once per task). */
        List<String> baselineArgs(String... extra) {
            List<String> args = base("--epochs", "4", "--seed", "7");
            args.addAll(List.of(extra));
            return args;
        }

        Run baseline() {
            return TrainingOptionsTableTest.baseline(task);
        }

        /** Trains into a fresh folder of this test; must succeed. */
        Run train(List<String> args) {
            return succeeds(args, dir.resolve("extra-" + (++runs)));
        }
    }

    @TempDir
    static Path shared;

    private static final Map<Task, Run> BASELINES = new EnumMap<>(Task.class);
    private static int initialThreads;

    @BeforeAll
    static void rememberThreads() {
        initialThreads = ComputeThreads.threads();
    }

    @AfterEach
    void restoreThreads() {
        ComputeThreads.setThreads(initialThreads); // --threads sets a process-wide count
    }

    private static synchronized Run baseline(Task task) {
        return BASELINES.computeIfAbsent(task, t -> succeeds(new Fixture(t, shared).baselineArgs(),
                shared.resolve("baseline-" + t.configName)));
    }

    // ---- the table ----------------------------------------------------------------------------

    static List<Row> table() {
        List<Row> rows = new ArrayList<>();

        rows.add(row("training.epochs", f -> f.base("--epochs", "3"), (f, run) -> {
            assertThat(run.column("epoch")).containsExactly(1.0, 2.0, 3.0);
            assertThat(run.summary().get("epochs").asInt()).isEqualTo(3);
            assertThat(run.config().training().epochs()).isEqualTo(3);
        }));

        rows.add(row("training.batch_size", f -> f.base("--epochs", "2", "--batch-size", "16"), (f, run) -> {
            int train = run.splitSizes()[0];
            int perEpoch = (train + 15) / 16;
            assertThat(run.column("step")).containsExactly((double) perEpoch, 2.0 * perEpoch);
            assertThat(run.config().training().batchSize()).isEqualTo(16);
            assertThat(run.out()).contains("batch 16");
        }));

        rows.add(row("training.seed", f -> f.baselineArgs(), (f, run) -> {
            // the same seed: the same model, byte for byte
            assertThat(run.modelBytes()).isEqualTo(f.baseline().modelBytes());
            Run other = f.train(f.base("--epochs", "4", "--seed", "8"));
            assertThat(other.summary().get("seed").asLong()).isEqualTo(8);
            assertDifferentWeights(other, run);
        }));

        rows.add(row("training.threads", f -> f.baselineArgs("--threads", "1"), (f, run) -> {
            assertThat(run.summary().get("threads").asInt()).isEqualTo(1);
            Run two = f.train(f.baselineArgs("--threads", "2"));
            assertThat(two.summary().get("threads").asInt()).isEqualTo(2);
            assertThat(two.modelBytes()).isEqualTo(run.modelBytes());
            assertThat(run.modelBytes()).isEqualTo(f.baseline().modelBytes());
        }));

        rows.add(row("training.prefetch", f -> f.baselineArgs("--prefetch"), (f, run) -> {
            assertThat(run.config().training().prefetch()).isTrue();
            assertThat(run.modelBytes()).isEqualTo(f.baseline().modelBytes());
            assertThat(run.column("train_loss")).isEqualTo(f.baseline().column("train_loss"));
        }));

        // min_delta larger than any change: epoch 1 is the best, epochs 2 and 3 exhaust patience 1
        rows.add(row("training.early_stopping (val_loss)", f -> f.base("--epochs", "20", "--set",
                "training.early_stopping={metric: val_loss, patience: 1, min_delta: 1.0e9}"), (f, run) -> {
            assertThat(run.summary().get("epochs").asInt()).isEqualTo(3).isLessThan(20);
            assertThat(run.metrics()).hasSize(3);
            assertThat(run.out()).contains("stopped  early stopping: the validation loss has not improved for 2"
                    + " epochs").contains("at epoch 1)");
        }));

        rows.add(new Row("training.early_stopping (val_accuracy)", WORKS,
                refused("training.early_stopping.metric"), f -> f.base("--epochs", "20", "--set",
                "training.early_stopping={metric: val_accuracy, patience: 1, min_delta: 1.0}"), (f, run) -> {
            assertThat(run.config().training().earlyStopping().metric())
                    .isEqualTo(EarlyStoppingSettings.Metric.VAL_ACCURACY);
            assertThat(run.summary().get("epochs").asInt()).isEqualTo(3);
            assertThat(run.out()).contains("stopped  early stopping: the validation accuracy has not improved");
        }));

        rows.add(row("training.early_stopping.restore_best", f -> f.base("--epochs", "20", "--set",
                "training.early_stopping={patience: 1, min_delta: 1.0e9, restore_best: true}"), (f, run) -> {
            List<Double> validation = run.column("val_loss");
            assertThat(validation).hasSize(3);
            assertThat(validation.get(2)).isNotCloseTo(validation.get(0),
                    org.assertj.core.data.Percentage.withPercentage(0.01));
            // restored: the saved model is epoch 1's, the best by the rule
            assertLossClose(validationLoss(run), validation.get(0));
            Run kept = f.train(f.base("--epochs", "20", "--set",
                    "training.early_stopping={patience: 1, min_delta: 1.0e9, restore_best: false}"));
            assertThat(kept.column("val_loss")).isEqualTo(validation);
            assertLossClose(validationLoss(kept), validation.get(2));
        }));

        rows.add(row("training.checkpoint_every", f -> f.baselineArgs("--set", "training.checkpoint_every=2"),
                (f, run) -> {
            Path checkpoints = run.dir().resolve("checkpoints");
            assertThat(checkpoints.resolve("epoch-0002.safetensors")).isRegularFile();
            assertThat(checkpoints.resolve("epoch-0004.safetensors")).isRegularFile();
            assertThat(checkpoints.resolve("last.safetensors")).isRegularFile();
            assertThat(checkpoints.resolve("epoch-0001.safetensors")).doesNotExist();
            assertThat(checkpoints.resolve("epoch-0003.safetensors")).doesNotExist();
            // saving checkpoints changes nothing
            assertThat(run.modelBytes()).isEqualTo(f.baseline().modelBytes());
        }));

        rows.add(row("--resume", f -> {
            Run first = f.train(f.baselineArgs("--set", "training.checkpoint_every=2"));
            return List.of("train", "--resume",
                    first.dir().resolve("checkpoints/epoch-0002.safetensors").toString());
        }, (f, run) -> {
            assertThat(run.out()).contains("after epoch 2");
            assertThat(run.column("epoch")).containsExactly(3.0, 4.0);
            assertThat(run.config().task().configName()).isEqualTo(f.task.configName);
            // stopped after 2 of 4 epochs and resumed: the model of the run that went through
            assertThat(run.modelBytes()).isEqualTo(f.baseline().modelBytes());
            assertThat(run.column("train_loss")).isEqualTo(f.baseline().column("train_loss").subList(2, 4));
        }));

        rows.add(row("--init-from", f -> f.base("--epochs", "1", "--seed", "7", "--init-from",
                f.baseline().dir().resolve("model.safetensors").toString()), (f, run) -> {
            assertThat(run.out()).contains("weights  from");
            // started from the trained model: the first epoch's loss is below a fresh start's
            assertThat(run.column("train_loss").get(0)).isLessThan(f.baseline().column("train_loss").get(0));
        }));

        rows.add(row("training.time_limit", f -> f.base("--epochs", "1000000", "--set",
                "training.time_limit=300ms"), (f, run) -> {
            int epochs = run.summary().get("epochs").asInt();
            assertThat(epochs).isBetween(1, 999_999);
            assertThat(run.out()).contains("stopped  time limit: 0.3s used up");
            assertThat(run.summary().get("train_seconds").asDouble()).isLessThan(30);
            assertThat(run.metrics()).hasSize(epochs);
        }));

        rows.add(row("training.eval_every", f -> f.base("--epochs", "5", "--set", "training.eval_every=2"),
                (f, run) -> {
            List<Map<String, String>> metrics = run.metrics();
            assertThat(metrics).hasSize(5);
            for (Map<String, String> r : metrics) {
                int epoch = Integer.parseInt(r.get("epoch"));
                boolean evaluated = epoch % 2 == 0 || epoch == 5;
                assertThat(r.get("val_loss").isEmpty()).as("epoch %d: %s", epoch, r).isEqualTo(!evaluated);
                if (f.task == Task.CLASSIFICATION) {
                    assertThat(r.get("val_accuracy").isEmpty()).as("epoch %d", epoch).isEqualTo(!evaluated);
                }
            }
        }));

        rows.add(row("training.max_steps", f -> f.base("--epochs", "3", "--set", "training.max_steps=1"),
                (f, run) -> {
            assertThat(run.column("step")).containsExactly(1.0);
            assertThat(run.out()).contains("stopped  step budget: 1 updates done");
            assertThat(run.summary().get("epochs").asInt()).isEqualTo(1);
        }));

        rows.add(row("training.log_every_steps", f -> f.base("--epochs", "2", "--set", "training.log_every_steps=2"),
                (f, run) -> {
            List<String> lines = Files.readAllLines(run.dir().resolve(StepMetricsLog.FILE));
            assertThat(lines.get(0)).isEqualTo(StepMetricsLog.HEADER);
            int train = run.splitSizes()[0];
            int perEpoch = (train + 63) / 64;
            List<Integer> steps = new ArrayList<>();
            for (int epoch = 0; epoch < 2; epoch++) {
                for (int s = 2; s < perEpoch + 2; s += 2) {
                    steps.add(epoch * perEpoch + Math.min(s, perEpoch)); // every 2 updates, and each epoch's last
                }
            }
            assertThat(lines.stream().skip(1).map(l -> Integer.parseInt(l.split(",")[0]))).containsExactlyElementsOf(
                    steps);
            assertThat(lines.get(lines.size() - 1)).startsWith(2 * perEpoch + ",2.0," + 2 * train + ",");
            assertThat(run.summary().get("train_examples").asInt()).isEqualTo(train);
        }));

        // the last iterates of epochs 2 and 3 averaged: validated, tested and saved
        rows.add(row("training.average", f -> f.base("--epochs", "3", "--set",
                "training.average={kind: swa, start_epoch: 2}"), (f, run) -> {
            assertThat(run.summary().get("average").asText()).isEqualTo("swa");
            assertThat(run.summary().get("averaged_iterates").asInt()).isEqualTo(2);
            assertThat(run.out()).contains("average  2 iterates averaged: the test and model.safetensors use the"
                    + " averaged weights");
            assertThat(run.config().training().average().startEpoch()).isEqualTo(2);
        }));

        // ---- every schedule: lr in metrics.csv is the rate after each epoch's last update
        rows.add(schedule(ScheduleSettings.Name.CONSTANT, List.of(), (lr0, lr) ->
                assertThat(lr).allSatisfy(v -> assertThat(v).isEqualTo(lr0))));
        rows.add(schedule(ScheduleSettings.Name.LINEAR, List.of(), (lr0, lr) -> {
            assertStrictlyDecreasing(lr);
            assertClose(lr.get(lr.size() - 1), lr0 / 100);
        }));
        rows.add(schedule(ScheduleSettings.Name.COSINE, List.of(), (lr0, lr) -> {
            assertStrictlyDecreasing(lr);
            assertClose(lr.get(lr.size() - 1), lr0 / 100);
        }));
        rows.add(schedule(ScheduleSettings.Name.INVERSE_TIME, List.of(), (lr0, lr) -> {
            assertClose(lr.get(0), lr0 / 2); // halved after one epoch
            assertClose(lr.get(1), lr0 / 3);
            assertStrictlyDecreasing(lr);
        }));
        rows.add(schedule(ScheduleSettings.Name.ONE_CYCLE, List.of(), (lr0, lr) -> {
            double peak = lr.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            assertThat(peak).isGreaterThan(lr.get(0)).isLessThanOrEqualTo(lr0 * (1 + 1e-9));
            assertThat(lr.get(lr.size() - 1)).isLessThan(lr0 / 25);
        }));
        // patience 0, and a 50 % improvement needed: each validation after the first lowers the rate
        // by the factor 0.1, from the next epoch on (epoch 2's loss lowers epoch 3's rate)
        rows.add(schedule(ScheduleSettings.Name.PLATEAU, List.of("--set", "schedule.patience=0", "--set",
                "schedule.threshold=0.5"), (lr0, lr) -> {
            assertClose(lr.get(0), lr0);
            assertClose(lr.get(1), lr0);
            for (int i = 2; i < lr.size(); i++) {
                assertClose(lr.get(i), lr0 * Math.pow(0.1, i - 1));
            }
        }));
        rows.add(schedule(ScheduleSettings.Name.STEP, List.of("--set", "schedule.step_size=1", "--set",
                "schedule.gamma=0.5"), (lr0, lr) -> {
            for (int i = 0; i < lr.size(); i++) {
                assertClose(lr.get(i), lr0 * Math.pow(0.5, i + 1));
            }
        }));
        rows.add(schedule(ScheduleSettings.Name.EXPONENTIAL, List.of("--set", "schedule.gamma=0.5"), (lr0, lr) -> {
            for (int i = 0; i < lr.size(); i++) {
                assertClose(lr.get(i), lr0 * Math.pow(0.5, i + 1));
            }
        }));
        rows.add(schedule(ScheduleSettings.Name.WARMUP_COSINE, List.of("--set", "schedule.warmup_steps=6"),
                (lr0, lr) -> {
            double peak = lr.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            assertThat(lr.get(0)).isLessThan(peak); // still warming up after the first epoch
            assertClose(lr.get(lr.size() - 1), lr0 / 100);
        }));

        // ---- every optimizer (its default learning rate; for regression 0.001: the SGD family's 0.05
        // and even 0.01 diverge on diabetes' unscaled targets)
        for (OptimizerSettings.Name name : OptimizerSettings.Name.values()) {
            rows.add(row("optimizer " + name.configName(), f -> {
                List<String> args = f.baseWithoutOptimizer("--epochs", "4", "--optimizer", name.configName(),
                        "--schedule", "constant");
                if (f.task == Task.REGRESSION) {
                    args.addAll(List.of("--lr", "0.001"));
                }
                return args;
            }, (f, run) -> {
                assertThat(run.config().optimizer().name()).isEqualTo(name);
                List<Double> loss = run.column("train_loss");
                assertThat(loss).allSatisfy(v -> assertThat(v).isFinite());
                assertThat(loss.get(loss.size() - 1)).as("training loss %s", loss).isLessThan(loss.get(0));
            }));
        }

        // ---- the model
        rows.add(row("model.kind linear", f -> f.base("--epochs", "2", "--set", "model={kind: linear}"),
                (f, run) -> {
            assertThat(run.config().model().kind()).isEqualTo(ModelSettings.Kind.LINEAR);
            Map<String, Tensor> weights = run.tensors();
            assertThat(weights.keySet()).containsExactlyInAnyOrder("0.weight", "0.bias");
            assertThat(weights.get("0.weight").shape().dims()).containsExactly(f.task.outputs, f.task.features);
            assertThat(run.out()).contains("linear model");
        }));
        rows.add(row("model.kind cnn", f -> f.base("--epochs", "2", "--set", "model={kind: cnn, input_shape: [1, 1, "
                + f.task.features + "], layers: [{type: conv2d, out_channels: 2, kernel_size: 1}, {type: relu},"
                + " {type: flatten}]}"), (f, run) -> {
            assertThat(run.config().model().kind()).isEqualTo(ModelSettings.Kind.CNN);
            Map<String, Tensor> weights = run.tensors();
            assertThat(weights.keySet()).containsExactlyInAnyOrder("0.weight", "0.bias", "3.weight", "3.bias");
            assertThat(weights.get("0.weight").shape().dims()).containsExactly(2, 1, 1, 1);
            assertThat(weights.get("3.weight").shape().dims()).containsExactly(f.task.outputs, 2 * f.task.features);
            assertThat(run.out()).contains("CNN (conv 2, linear " + f.task.outputs + ")");
        }));
        rows.add(row("model.kind mlp", f -> f.base("--epochs", "2", "--set", "model.kind=mlp"), (f, run) -> {
            assertThat(run.config().model().kind()).isEqualTo(ModelSettings.Kind.MLP);
            Map<String, Tensor> weights = run.tensors();
            assertThat(weights.keySet()).containsExactlyInAnyOrder("0.weight", "0.bias", "2.weight", "2.bias");
            assertThat(weights.get("0.weight").shape().dims()).containsExactly(8, f.task.features);
            assertThat(weights.get("2.weight").shape().dims()).containsExactly(f.task.outputs, 8);
        }));
        for (ModelSettings.Activation activation : ModelSettings.Activation.values()) {
            rows.add(row("model.activation " + activation.configName(), f -> f.baselineArgs("--set",
                    "model.activation=" + activation.configName()), (f, run) -> {
                assertThat(run.config().model().activation()).isEqualTo(activation);
                assertThat(Predictor.load(run.dir()).bundle().spec().toMap().toString())
                        .contains(activation.configName());
                if (activation == ModelSettings.Activation.RELU) {
                    assertThat(run.modelBytes()).isEqualTo(f.baseline().modelBytes()); // the default
                } else {
                    assertDifferentWeights(run, f.baseline());
                }
            }));
        }
        rows.add(row("model.dropout", f -> f.baselineArgs("--set", "model.dropout=0.5"), (f, run) -> {
            assertThat(run.config().model().dropout()).isEqualTo(0.5);
            assertThat(Predictor.load(run.dir()).bundle().spec().toMap().toString()).contains("dropout");
            // Linear, activation, Dropout, Linear
            Map<String, Tensor> weights = run.tensors();
            assertThat(weights.keySet()).containsExactlyInAnyOrder("0.weight", "0.bias", "3.weight", "3.bias");
            assertThat(weights.get("0.weight").data()).isNotEqualTo(f.baseline().tensors().get("0.weight").data());
            // dropout is off at evaluation: evaluating twice gives the same figures
            String once = succeeds(List.of("evaluate", run.dir().toString()), null).out();
            assertThat(succeeds(List.of("evaluate", run.dir().toString()), null).out()).isEqualTo(once);
        }));

        // ---- the data
        rows.add(row("data.standardize (--no-standardize)", f -> f.baselineArgs("--no-standardize"), (f, run) -> {
            assertThat(run.config().data().standardize()).isFalse();
            assertThat(f.baseline().out()).contains("standardised");
            assertThat(run.out()).as("config.yaml says data.standardize: false, but the data line says")
                    .doesNotContain("standardised");
            assertDifferentWeights(run, f.baseline());
        }));
        rows.add(row("data.validation_fraction, data.test_fraction", f -> f.base("--epochs", "1",
                "--validation-fraction", "0.2", "--test-fraction", "0.3"), (f, run) -> {
            int[] sizes = run.splitSizes();
            int[] defaults = f.baseline().splitSizes();
            int total = sizes[0] + sizes[1] + sizes[2];
            assertThat(total).isEqualTo(defaults[0] + defaults[1] + defaults[2]);
            assertThat((double) sizes[2]).isCloseTo(0.3 * total, org.assertj.core.data.Offset.offset(2.0));
            assertThat((double) sizes[1]).isCloseTo(0.2 * (total - sizes[2]), org.assertj.core.data.Offset.offset(2.0));
            assertThat(sizes[2]).isGreaterThan(defaults[2]);
            assertThat(sizes[1]).isGreaterThan(defaults[1]);
            assertThat(run.config().data().validationFraction()).isEqualTo(0.2);
            assertThat(run.config().data().testFraction()).isEqualTo(0.3);
        }));
        rows.add(new Row("data.stream", WORKS, refused("data.stream"), f -> {
            Path train = streamCsv(f.dir.resolve("stream-train.csv"), 90, 1);
            Path test = streamCsv(f.dir.resolve("stream-test.csv"), 30, 2);
            List<String> args = new ArrayList<>(List.of("train", "--csv", train.toString(), "--stream",
                    "--label-column", "label", "--hidden", "8", "--epochs", "3"));
            if (f.task == Task.CLASSIFICATION) {
                args.addAll(List.of("--classes", "3", "--test-csv", test.toString()));
            } else {
                args.addAll(List.of("--set", "task=regression", "--optimizer", "adam", "--lr", "0.01"));
            }
            return args;
        }, (f, run) -> {
            assertThat(run.config().data().stream()).isTrue();
            assertThat(run.out()).contains("3 classes");
            assertThat(run.metrics()).hasSize(3);
            assertThat(run.metrics()).allSatisfy(r -> assertThat(r.get("val_loss")).isNotEmpty());
            assertThat(run.summary().has("test_accuracy")).isTrue();
        }));
        // the other task's data set
        rows.add(new Row("task", refused("task"), refused("task"), f -> f.task == Task.CLASSIFICATION
                ? List.of("train", "--dataset", "diabetes", "--hidden", "8", "--set", "task=classification")
                : List.of("train", "--dataset", "iris", "--hidden", "8", "--set", "task=regression"), null));
        return rows;
    }

    private interface LrCheck {
        void check(double lr0, List<Double> lr);
    }

    private static Row schedule(ScheduleSettings.Name name, List<String> settings, LrCheck check) {
        return row("schedule " + name.configName(), f -> {
            List<String> args = f.base("--epochs", "6", "--schedule", name.configName());
            args.addAll(settings);
            return args;
        }, (f, run) -> {
            assertThat(run.config().schedule().name()).isEqualTo(name);
            List<Double> lr = run.column("lr");
            assertThat(lr).hasSize(6);
            check.check(f.task.lr, lr);
        });
    }

    // ---- the test -------------------------------------------------------------------------------

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Row row : table()) {
            for (Task task : Task.values()) {
                cases.add(Arguments.of(Named.of(row.option(), row), task));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("cases")
    void everyOptionWorksOrIsRefusedForEveryTask(Row row, Task task, @TempDir Path dir) throws Exception {
        try {
            runRow(row, task, dir);
        } catch (AssertionError e) {
            throw new AssertionError(row.option() + " × " + task + ": " + e.getMessage(), e);
        }
    }

    private static void runRow(Row row, Task task, Path dir) throws Exception {
        Fixture f = new Fixture(task, dir);
        List<String> args = row.args().of(f);
        Path runDir = dir.resolve("run");
        Expect expect = row.expect(task);
        if (expect.works()) {
            Run run = succeeds(args, runDir);
            assertThat(run.out()).contains("run      " + runDir);
            assertThat(runDir.resolve("model.safetensors")).isRegularFile();
            assertThat(run.summary().get("task").asText()).isEqualTo(task.configName);
            assertThat(run.config().task().configName()).isEqualTo(task.configName);
            row.check().check(f, run);
            return;
        }
        // refused before training: a directory already there keeps what it holds (a run in it is
        // refused for that reason alone, see RunSafetyTest)
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve("notes.txt"), "keep me\n");
        Run run = execute(args, runDir);
        String command = String.join(" ", args);
        assertThat(run.code()).as(command + "\n" + run.describe()).isEqualTo(1);
        List<String> lines = run.err().lines().toList();
        assertThat(lines).as(command).hasSize(1);
        String line = lines.get(0);
        assertThat(line).as(command).startsWith("descent: error: ").contains(expect.refusedKey() + ":")
                .contains(task.configName);
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("internal error");
        assertThat(run.out()).as("nothing trained").doesNotContain("epoch ").doesNotContain("run      ");
        try (Stream<Path> files = Files.list(runDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(name -> !name.equals(".lock")).sorted()
                    .toList()).containsExactly("notes.txt"); // .lock: the run directory's lock, see RunSafetyTest
        }
        assertThat(Files.readString(runDir.resolve("notes.txt"))).isEqualTo("keep me\n");
    }

    /** The table names every schedule, optimizer, activation and model kind there is. */
    @Test
    void theTableCoversEveryChoice() {
        Set<String> options = new TreeSet<>(table().stream().map(Row::option).toList());
        for (ScheduleSettings.Name name : ScheduleSettings.Name.values()) {
            assertThat(options).contains("schedule " + name.configName());
        }
        for (OptimizerSettings.Name name : OptimizerSettings.Name.values()) {
            assertThat(options).contains("optimizer " + name.configName());
        }
        for (ModelSettings.Activation activation : ModelSettings.Activation.values()) {
            assertThat(options).contains("model.activation " + activation.configName());
        }
        for (ModelSettings.Kind kind : ModelSettings.Kind.values()) {
            assertThat(options).contains("model.kind " + kind.configName());
        }
        for (String key : List.of("training.epochs", "training.batch_size", "training.seed", "training.threads",
                "training.prefetch", "training.checkpoint_every", "training.time_limit", "training.eval_every",
                "training.max_steps", "training.log_every_steps", "training.early_stopping.restore_best", "--resume",
                "--init-from",
                "model.dropout", "data.stream", "task")) {
            assertThat(options).contains(key);
        }
        assertThat(table()).hasSize(options.size()); // no duplicates
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** The final model's loss (classification) or MSE (regression) on the run's validation split. */
    private static double validationLoss(Run run) {
        String out = succeeds(List.of("evaluate", run.dir().toString(), "--split", "validation"), null).out();
        Matcher m = Pattern.compile("(?<![a-z])(?:loss|mse) (-?[0-9.]+)").matcher(out.lines().findFirst().orElseThrow());
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** Equal up to rounding in double arithmetic (learning rates). */
    private static void assertClose(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9 * Math.abs(expected)));
    }

    /** Equal up to float evaluation and the 4 decimals evaluate prints. */
    private static void assertLossClose(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, org.assertj.core.data.Offset.offset(2e-4 + 1e-5 * Math.abs(expected)));
    }

    private static void assertStrictlyDecreasing(List<Double> values) {
        for (int i = 1; i < values.size(); i++) {
            assertThat(values.get(i)).as("%s", values).isLessThan(values.get(i - 1));
        }
    }

    private static void assertDifferentWeights(Run a, Run b) throws IOException {
        Map<String, Tensor> x = a.tensors();
        Map<String, Tensor> y = b.tensors();
        assertThat(x.keySet()).isEqualTo(y.keySet());
        boolean differ = x.keySet().stream().anyMatch(k -> !Arrays.equals(x.get(k).data(), y.get(k).data()));
        assertThat(differ).as("weights differ").isTrue();
    }

    /** A CSV of three separable classes, columns a, b, c, label (0, 1, 2). */
    private static Path streamCsv(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(List.of("a,b,c,label"));
        for (int i = 0; i < rows; i++) {
            int cls = i % 3;
            lines.add(String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%d", 1 + 4 * cls + random.nextDouble(),
                    10 - 3 * cls + random.nextDouble(), -2 + 2 * cls + 0.5 * random.nextDouble(), cls));
        }
        Files.write(file, lines);
        return file;
    }
}
