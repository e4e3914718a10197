package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metrics-steps.csv}: tiny runs on the built-in digits (1,293 training examples, so 21
 * batches of 64 an epoch, the last of 13), their rows, and a resumed run's.
 */
class StepMetricsLogTest {
    private static final int TRAIN = 1293;
    private static final int STEPS_PER_EPOCH = 21;

    private static CliRun train(Path runDir, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "digits", "--hidden", "8", "--run-dir",
                runDir.toString()));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args);
        assertThat(run.code()).as(run.err()).isZero();
        return run;
    }

    /** The rows of {@code metrics-steps.csv}, each in {@link StepMetricsLog#COLUMNS} order. */
    private static List<double[]> rows(Path runDir) throws IOException {
        List<String> lines = Files.readAllLines(runDir.resolve(StepMetricsLog.FILE));
        assertThat(lines.get(0)).isEqualTo("step,epoch,examples_seen,train_loss,lr,elapsed_seconds");
        return lines.stream().skip(1).map(line -> Arrays.stream(line.split(",", -1))
                .mapToDouble(Double::parseDouble).toArray()).toList();
    }

    private static double[] column(List<double[]> rows, int index) {
        return rows.stream().mapToDouble(row -> row[index]).toArray();
    }

    /** metrics.csv's column, one value per epoch. */
    private static double[] epochColumn(Path runDir, String name) throws IOException {
        List<String> lines = Files.readAllLines(runDir.resolve("metrics.csv"));
        int index = RunDirectory.METRIC_COLUMNS.indexOf(name);
        return lines.stream().skip(1).mapToDouble(line -> Double.parseDouble(line.split(",", -1)[index])).toArray();
    }

    @Test
    void aTwoEpochRunHasAbout50RowsAnEpochWithFractionalEpochs(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        CliRun out = train(run, "--epochs", "2");

        List<double[]> rows = rows(run);
        // 21 updates an epoch are fewer than 50: a row after each
        assertThat(rows).hasSize(2 * STEPS_PER_EPOCH);
        assertThat(column(rows, 0)).containsExactly(java.util.stream.IntStream.rangeClosed(1, 2 * STEPS_PER_EPOCH)
                .asDoubleStream().toArray());
        double[] epochs = column(rows, 1);
        assertThat(epochs[0]).isCloseTo(1.0 / STEPS_PER_EPOCH, within(1e-6));
        assertThat(epochs[STEPS_PER_EPOCH - 1]).isEqualTo(1.0);
        assertThat(epochs[STEPS_PER_EPOCH]).isCloseTo(1 + 1.0 / STEPS_PER_EPOCH, within(1e-6));
        assertThat(epochs[2 * STEPS_PER_EPOCH - 1]).isEqualTo(2.0);
        assertThat(epochs).isSorted();
        // examples: 64 a batch, and the epoch's last batch holds the rest
        double[] examples = column(rows, 2);
        assertThat(examples[0]).isEqualTo(64);
        assertThat(examples[STEPS_PER_EPOCH - 1]).isEqualTo(TRAIN);
        assertThat(examples[2 * STEPS_PER_EPOCH - 1]).isEqualTo(2 * TRAIN);
        // the rows' losses, weighted by their batches, are the epoch's mean training loss in metrics.csv
        double[] losses = column(rows, 3);
        double[] epochLoss = epochColumn(run, "train_loss");
        for (int e = 0; e < 2; e++) {
            double sum = 0;
            for (int i = e * STEPS_PER_EPOCH; i < (e + 1) * STEPS_PER_EPOCH; i++) {
                sum += losses[i] * (examples[i] - (i == 0 ? 0 : examples[i - 1]));
            }
            assertThat(sum / TRAIN).as("epoch %d", e + 1).isCloseTo(epochLoss[e], within(1e-9));
        }
        // the rate after each epoch's last update is metrics.csv's; time only goes forward
        double[] rates = column(rows, 4);
        double[] epochRates = epochColumn(run, "lr");
        assertThat(rates[STEPS_PER_EPOCH - 1]).isEqualTo(epochRates[0]);
        assertThat(rates[2 * STEPS_PER_EPOCH - 1]).isEqualTo(epochRates[1]);
        assertThat(column(rows, 5)).isSorted();
        assertThat(column(rows, 5)[2 * STEPS_PER_EPOCH - 1]).isPositive();
        // listed among the run's files; the loss plot draws the curve within epochs
        assertThat(out.out()).contains("(config.yaml, metrics.csv, metrics-steps.csv, model.safetensors,");
        assertThat(Files.readString(run.resolve("plots/loss.svg"))).contains("train (mean over every few updates)");
        assertThat(run.resolve("plots/loss.png")).isNotEmptyFile();
    }

    @Test
    void logEveryStepsSetsTheIntervalAndEachEpochEndsWithARow(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        train(run, "--epochs", "2", "--set", "training.log_every_steps=5", "--no-plots");

        List<double[]> rows = rows(run);
        assertThat(column(rows, 0)).containsExactly(5, 10, 15, 20, 21, 26, 31, 36, 41, 42);
        assertThat(column(rows, 1)).containsExactly(0.238095, 0.47619, 0.714286, 0.952381, 1.0, 1.238095, 1.47619,
                1.714286, 1.952381, 2.0);
        assertThat(column(rows, 2)).containsExactly(320, 640, 960, 1280, TRAIN, TRAIN + 320, TRAIN + 640, TRAIN + 960,
                TRAIN + 1280, 2 * TRAIN);
        assertThat(Files.readString(run.resolve("config.yaml"))).contains("log_every_steps: 5");
    }

    @Test
    void theDefaultIntervalGivesAbout50RowsAnEpoch() {
        assertThat(StepMetricsLog.defaultInterval(21)).isEqualTo(1);
        assertThat(StepMetricsLog.defaultInterval(99)).isEqualTo(1);
        assertThat(StepMetricsLog.defaultInterval(844)).isEqualTo(16); // Fashion-MNIST's 54,000 in batches of 64
        assertThat(StepMetricsLog.defaultInterval(-1)).isEqualTo(20); // a stream: taken as 1000 updates an epoch
    }

    @Test
    void theSummaryRecordsTheSplitSizes(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        CliRun out = train(run, "--epochs", "1", "--no-plots");
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertThat(out.out()).contains("train " + summary.get("train_examples").asInt() + ", validation "
                + summary.get("val_examples").asInt() + ", test " + summary.get("test_examples").asInt() + ";");
        assertThat(summary.get("train_examples").asInt()).isEqualTo(TRAIN);
    }

    @Test
    void resumingAppendsAfterTheCheckpointsStepAndDropsRowsWrittenAfterIt(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        train(run, "--epochs", "2", "--set", "training.checkpoint_every=1");
        List<String> before = Files.readAllLines(run.resolve(StepMetricsLog.FILE));
        // as if the run had gone on past its last checkpoint and been killed mid-write
        Files.writeString(run.resolve(StepMetricsLog.FILE), "43,2.047619,2650,9.9,0.001,99.0\n44,2.0952",
                StandardOpenOption.APPEND);

        train(run, "--resume", run.toString(), "--epochs", "4");

        List<double[]> rows = rows(run);
        assertThat(rows).hasSize(4 * STEPS_PER_EPOCH);
        assertThat(column(rows, 0)).containsExactly(java.util.stream.IntStream.rangeClosed(1, 4 * STEPS_PER_EPOCH)
                .asDoubleStream().toArray());
        assertThat(Files.readAllLines(run.resolve(StepMetricsLog.FILE)).subList(0, before.size()))
                .isEqualTo(before); // the rows up to the checkpoint are kept as they were
        assertThat(column(rows, 3)).doesNotContain(9.9);
        assertThat(column(rows, 1)[2 * STEPS_PER_EPOCH]).isCloseTo(2 + 1.0 / STEPS_PER_EPOCH, within(1e-6));
        assertThat(column(rows, 1)[4 * STEPS_PER_EPOCH - 1]).isEqualTo(4.0);
        assertThat(column(rows, 2)[2 * STEPS_PER_EPOCH]).isEqualTo(2 * TRAIN + 64); // counted on from the last row
        assertThat(column(rows, 2)[4 * STEPS_PER_EPOCH - 1]).isEqualTo(4 * TRAIN);
        assertThat(column(rows, 5)).isSorted(); // the time, too
        assertThat(run.resolve("plots/loss.png")).isNotEmptyFile();
    }
}
