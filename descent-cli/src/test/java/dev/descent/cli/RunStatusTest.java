package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.cli.config.ConfigLoader;
import dev.descent.train.TrainingDivergedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a dashboard reads from a run directory: {@code status.json} (running, finished, diverged
 * or failed) and the final per-class test report in {@code summary.json}.
 */
class RunStatusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CliRun digits(Path runDir, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "digits", "--hidden", "16", "--epochs", "2",
                "--no-plots", "--run-dir", runDir.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args);
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aFinishedRunSaysSoAndItsSummaryHoldsTheTestReport(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        Instant before = Instant.now();

        CliRun result = digits(runDir);

        Instant after = Instant.now();
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode status = read(runDir.resolve("status.json"));
        assertThat(fieldNames(status)).containsExactly("status", "pid", "process_started", "started", "updated",
                "epochs", "message");
        assertThat(Instant.parse(status.get("process_started").asText()))
                .isEqualTo(ProcessHandle.current().info().startInstant().orElseThrow());
        assertThat(status.get("status").asText()).isEqualTo("finished");
        assertThat(status.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        Instant started = Instant.parse(status.get("started").asText());
        Instant updated = Instant.parse(status.get("updated").asText());
        assertThat(started).isBetween(before, updated);
        assertThat(updated).isBeforeOrEqualTo(after);
        assertThat(status.get("epochs").asInt()).isEqualTo(2);
        assertThat(status.get("message").isNull()).isTrue();

        JsonNode summary = read(runDir.resolve("summary.json"));
        JsonNode report = summary.get("test_report");
        assertThat(fieldNames(report)).containsExactly("classes", "accuracy", "macro_avg", "weighted_avg",
                "confusion_matrix");
        int testExamples = summary.get(SplitSizes.TEST).asInt();
        JsonNode classes = report.get("classes");
        assertThat(classes).hasSize(10);
        assertThat(classes.get(3).get("name").asText()).isEqualTo("3");
        assertThat(fieldNames(classes.get(0))).containsExactly("name", "precision", "recall", "f1", "support");
        JsonNode matrix = report.get("confusion_matrix");
        assertThat(matrix).hasSize(10);
        long total = 0;
        long diagonal = 0;
        long supports = 0;
        for (int i = 0; i < 10; i++) {
            assertThat(matrix.get(i)).hasSize(10);
            long row = 0;
            for (int j = 0; j < 10; j++) {
                row += matrix.get(i).get(j).asLong();
            }
            // rows are true classes: a row sums to its class's support
            assertThat(classes.get(i).get("support").asLong()).as("support of class " + i).isEqualTo(row);
            total += row;
            diagonal += matrix.get(i).get(i).asLong();
            supports += classes.get(i).get("support").asLong();
        }
        assertThat(total).isEqualTo(testExamples).isEqualTo(supports);
        assertThat((double) diagonal / total).isEqualTo(summary.get("test_accuracy").asDouble())
                .isEqualTo(report.get("accuracy").asDouble());
        assertThat(report.get("macro_avg").get("support").asLong()).isEqualTo(testExamples);
        assertThat(report.get("weighted_avg").get("support").asLong()).isEqualTo(testExamples);
        // the weighted recall is the accuracy
        assertThat(report.get("weighted_avg").get("recall").asDouble())
                .isCloseTo(report.get("accuracy").asDouble(), within(1e-12));
        double precisions = 0;
        for (JsonNode c : classes) {
            precisions += c.get("precision").asDouble();
        }
        assertThat(report.get("macro_avg").get("precision").asDouble())
                .isCloseTo(precisions / 10, within(1e-12));
    }

    @Test
    void aDivergingRunSaysDivergedAndStillFailsAsBefore(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");

        CliRun result = CliRun.of("train", "--dataset", "iris", "--lr", "1e6", "--epochs", "5", "--no-plots",
                "--run-dir", runDir.toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).startsWith("descent: error: training diverged: the loss is").doesNotContain("\tat ");
        JsonNode status = read(runDir.resolve("status.json"));
        assertThat(status.get("status").asText()).isEqualTo("diverged");
        assertThat(status.get("message").asText()).startsWith("training diverged: the loss is");
        assertThat(result.err()).contains(status.get("message").asText());
        assertThat(status.get("epochs").asInt()).isEqualTo(5);
        assertThat(runDir.resolve("summary.json")).doesNotExist();
    }

    @Test
    void aRunThatFailsMidWaySaysFailedWithTheError(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        // the first epoch's checkpoint cannot replace a directory that holds a file
        Files.createDirectories(runDir.resolve("checkpoints/epoch-0001.safetensors"));
        Files.writeString(runDir.resolve("checkpoints/epoch-0001.safetensors/in-the-way"), "mine");

        CliRun result = digits(runDir, "--set", "training.checkpoint_every=1");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).startsWith("descent: error: cannot write a checkpoint in " + runDir.resolve("checkpoints"));
        JsonNode status = read(runDir.resolve("status.json"));
        assertThat(status.get("status").asText()).isEqualTo("failed");
        assertThat(status.get("message").asText()).startsWith("cannot write a checkpoint in");
        assertThat(result.err()).contains(status.get("message").asText());
        assertThat(Files.readAllLines(runDir.resolve("metrics.csv"))).hasSize(2); // the header and epoch 1
    }

    @Test
    void anOverwritingRunReplacesTheOldStatus(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        assertThat(digits(runDir).code()).isZero();
        Instant firstStarted = Instant.parse(read(runDir.resolve("status.json")).get("started").asText());

        CliRun replaced = CliRun.of("train", "--dataset", "iris", "--lr", "1e6", "--epochs", "3", "--no-plots",
                "--run-dir", runDir.toString(), "--overwrite");

        assertThat(replaced.code()).isEqualTo(1);
        JsonNode status = read(runDir.resolve("status.json"));
        assertThat(status.get("status").asText()).isEqualTo("diverged");
        assertThat(status.get("epochs").asInt()).isEqualTo(3);
        assertThat(Instant.parse(status.get("started").asText())).isAfter(firstStarted);
        assertThat(runDir.resolve("summary.json")).doesNotExist();
    }

    @Test
    void overwriteDeletesTheOldStatusWithTheOtherFilesOfTheRun(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        assertThat(digits(runDir).code()).isZero();
        assertThat(runDir.resolve("status.json")).exists();

        try (RunDirectory.Session session = RunDirectory.session()) {
            session.claim(runDir, null, true);
            RunDirectory.create(runDir, ConfigLoader.defaults(List.of()), "unused"); // deletes, writes no status
        }

        assertThat(runDir.resolve("summary.json")).doesNotExist();
        assertThat(runDir.resolve("status.json")).doesNotExist();
    }

    @Test
    void resumingInPlaceRunsAgainAndFinishes(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        assertThat(digits(runDir, "--set", "training.checkpoint_every=1").code()).isZero();
        Instant firstUpdated = Instant.parse(read(runDir.resolve("status.json")).get("updated").asText());

        CliRun resumed = CliRun.of("train", "--resume", runDir.toString(), "--run-dir", runDir.toString(), "--epochs",
                "3");

        assertThat(resumed.code()).as(resumed.err()).isZero();
        JsonNode status = read(runDir.resolve("status.json"));
        assertThat(status.get("status").asText()).isEqualTo("finished");
        assertThat(status.get("epochs").asInt()).isEqualTo(3);
        assertThat(Instant.parse(status.get("started").asText())).isAfterOrEqualTo(firstUpdated);
    }

    @Test
    void aRegressionRunFinishesWithoutATestReport(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");

        // the default SGD at lr 0.05 diverges on diabetes' unscaled targets: a small Adam model
        CliRun result = CliRun.of("train", "--dataset", "diabetes", "--hidden", "16", "--epochs", "1", "--optimizer",
                "adam", "--lr", "0.01", "--no-plots", "--run-dir", runDir.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(read(runDir.resolve("status.json")).get("status").asText()).isEqualTo("finished");
        JsonNode summary = read(runDir.resolve("summary.json"));
        assertThat(summary.has("test_rmse")).isTrue();
        assertThat(summary.has("test_report")).isFalse();
    }

    @Test
    void tuningTrialsWriteTheirStatusAndOnlyTheRetrainedBestHasATestReport(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tune.yaml");
        Files.writeString(file, """
                data: {dataset: iris}
                model: {hidden: [8]}
                schedule: {name: constant}
                training: {epochs: 2, batch_size: 16}
                search:
                  optimizer.lr: [0.05, 1.0e6]
                """);
        Path out = dir.resolve("out");

        CliRun result = CliRun.of("tune", file.toString(), "--out", out.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(read(out.resolve("trials/001/status.json")).get("status").asText()).isEqualTo("finished");
        JsonNode diverged = read(out.resolve("trials/002/status.json"));
        assertThat(diverged.get("status").asText()).isEqualTo("diverged");
        assertThat(diverged.get("message").asText()).startsWith("training diverged");
        assertThat(fieldNames(read(out.resolve("trials/001/summary.json")))).doesNotContain("test_report");
        assertThat(read(out.resolve("best-run/status.json")).get("status").asText()).isEqualTo("finished");
        JsonNode bestReport = read(out.resolve("best-run/summary.json")).get("test_report");
        assertThat(bestReport.get("classes")).hasSize(3);
        assertThat(bestReport.get("confusion_matrix")).hasSize(3);
    }

    // ---------------------------------------------------------------- RunStatus itself

    private static RunDirectory runDirectory(Path directory) {
        return RunDirectory.create(directory, ConfigLoader.defaults(List.of()), "unused");
    }

    @Test
    void theStartTimeStaysAndTheUpdateTimeMoves(@TempDir Path dir) throws Exception {
        try (RunDirectory.Session session = RunDirectory.session()) {
            RunDirectory run = runDirectory(dir.resolve("run"));
            RunStatus status = RunStatus.of(run, 7);
            status.running();
            JsonNode running = read(run.path().resolve(RunStatus.FILE));
            assertThat(running.get("status").asText()).isEqualTo("running");
            assertThat(running.get("message").isNull()).isTrue();
            assertThat(running.get("epochs").asInt()).isEqualTo(7);
            Thread.sleep(5);

            status.finished();

            JsonNode finished = read(run.path().resolve(RunStatus.FILE));
            assertThat(finished.get("status").asText()).isEqualTo("finished");
            assertThat(finished.get("started").asText()).isEqualTo(running.get("started").asText());
            assertThat(Instant.parse(finished.get("updated").asText()))
                    .isAfter(Instant.parse(running.get("updated").asText()));
        }
    }

    @Test
    void anInterruptedRunIsRecordedAsFailedAndStaysInterrupted(@TempDir Path dir) throws IOException {
        try (RunDirectory.Session session = RunDirectory.session()) {
            RunDirectory run = runDirectory(dir.resolve("run"));
            RunStatus status = RunStatus.of(run, 2);
            status.running();
            IllegalStateException failure = new IllegalStateException("interrupted while training");

            Thread.currentThread().interrupt();
            try {
                status.ended(failure);
            } finally {
                assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
            }

            assertThat(failure.getSuppressed()).isEmpty();
            JsonNode failed = read(run.path().resolve(RunStatus.FILE));
            assertThat(failed.get("status").asText()).isEqualTo("failed");
            assertThat(failed.get("message").asText()).isEqualTo("interrupted while training");
        }
    }

    @Test
    void aFailureWithoutAMessageIsNamedByItsType(@TempDir Path dir) throws IOException {
        try (RunDirectory.Session session = RunDirectory.session()) {
            RunDirectory run = runDirectory(dir.resolve("run"));
            RunStatus status = RunStatus.of(run, 2);

            status.ended(new OutOfMemoryError());

            assertThat(read(run.path().resolve(RunStatus.FILE)).get("message").asText())
                    .isEqualTo("java.lang.OutOfMemoryError");
            status.ended(new TrainingDivergedException("training diverged at step 3"));
            assertThat(read(run.path().resolve(RunStatus.FILE)).get("status").asText()).isEqualTo("diverged");
        }
    }

    @Test
    void aStatusThatCannotBeWrittenNeverHidesTheFailure(@TempDir Path dir) throws IOException {
        try (RunDirectory.Session session = RunDirectory.session()) {
            RunDirectory run = runDirectory(dir.resolve("run"));
            Files.createDirectories(run.path().resolve(RunStatus.FILE).resolve("in-the-way"));
            RunStatus status = RunStatus.of(run, 2);
            IllegalStateException failure = new IllegalStateException("the original failure");

            status.ended(failure); // returns: the caller rethrows the failure

            assertThat(failure.getSuppressed()).hasSize(1);
            assertThat(failure.getSuppressed()[0]).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot write " + run.path().resolve(RunStatus.FILE));
            assertThat(failure).hasMessage("the original failure");
        }
    }
}
