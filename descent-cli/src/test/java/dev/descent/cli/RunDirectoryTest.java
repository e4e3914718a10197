package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.cli.config.ConfigLoader;
import dev.descent.cli.config.RunConfig;
import dev.descent.io.SafeTensors;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a run leaves behind, resuming from it, and starting from given weights. */
class RunDirectoryTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = DescentCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    @Test
    void aRunLeavesItsConfigMetricsModelCheckpointsAndSummary(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        String out = run("train", "--dataset", "digits", "--epochs", "2", "--set", "training.checkpoint_every=1",
                "--run-dir", runDir.toString());
        assertThat(out).contains("run      " + runDir).contains("trained in");

        RunConfig saved = ConfigLoader.load(runDir.resolve("config.yaml"), List.of());
        assertThat(saved.training().epochs()).isEqualTo(2);
        assertThat(saved.data().dataset()).isEqualTo("digits");

        List<String> csv = Files.readAllLines(runDir.resolve("metrics.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).isEqualTo(String.join(",", RunDirectory.METRIC_COLUMNS));
        List<String> jsonl = Files.readAllLines(runDir.resolve("metrics.jsonl"));
        assertThat(jsonl).hasSize(2);
        JsonNode second = new ObjectMapper().readTree(jsonl.get(1));
        assertThat(second.get("epoch").asInt()).isEqualTo(2);
        assertThat(second.has("val_accuracy")).isTrue();
        // the wall time the step rows count in, validation included: the dashboard's time axis
        double firstElapsed = new ObjectMapper().readTree(jsonl.get(0)).get("elapsed_seconds").asDouble();
        assertThat(second.get("elapsed_seconds").asDouble()).isGreaterThan(firstElapsed).isGreaterThanOrEqualTo(
                second.get("seconds").asDouble());

        Map<String, Tensor> weights = SafeTensors.read(runDir.resolve("model.safetensors")).tensors();
        assertThat(weights).containsKeys("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias");
        assertThat(weights.get("0.weight").shape().dims()).containsExactly(256, 64);
        assertThat(runDir.resolve("checkpoints/epoch-0001.safetensors")).exists();
        assertThat(runDir.resolve("checkpoints/epoch-0002.safetensors")).exists();
        assertThat(runDir.resolve("checkpoints/last.safetensors")).exists();

        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        for (String key : List.of("test_accuracy", "test_loss", "best_val_accuracy", "epochs", "train_seconds",
                "samples_per_second", "descent_version", "jdk", "kernel_provider", "threads", "seed")) {
            assertThat(summary.has(key)).as(key).isTrue();
        }
        assertThat(summary.get("epochs").asInt()).isEqualTo(2);
    }

    @Test
    void stoppingAndResumingEndsWithTheSameModelAsTrainingThrough(@TempDir Path dir) throws IOException {
        Path through = dir.resolve("through");
        run("train", "--dataset", "digits", "--epochs", "4", "--run-dir", through.toString());
        Path first = dir.resolve("first");
        run("train", "--dataset", "digits", "--epochs", "4", "--set", "training.checkpoint_every=2",
                "--set", "training.time_limit=null", "--run-dir", first.toString());
        // stop after 2: resume the epoch-2 checkpoint of a 4-epoch run into a new directory
        Path resumed = dir.resolve("resumed");
        String out = run("train", "--resume", first.resolve("checkpoints/epoch-0002.safetensors").toString(),
                "--run-dir", resumed.toString());
        assertThat(out).contains("after epoch 2");
        Map<String, Tensor> expected = SafeTensors.read(through.resolve("model.safetensors")).tensors();
        Map<String, Tensor> actual = SafeTensors.read(resumed.resolve("model.safetensors")).tensors();
        for (String name : expected.keySet()) {
            assertThat(actual.get(name).data()).as(name).containsExactly(expected.get(name).data());
        }
        assertThat(Files.readAllLines(resumed.resolve("metrics.csv"))).hasSize(3); // epochs 3 and 4
    }

    @Test
    void initFromStartsFromGivenWeights(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("source");
        run("train", "--dataset", "digits", "--epochs", "3", "--run-dir", source.toString());
        String out = run("train", "--dataset", "digits", "--epochs", "1", "--init-from",
                source.resolve("model.safetensors").toString(), "--run-dir", dir.resolve("next").toString());
        assertThat(out).contains("weights  from");
        // started from a trained model: the first epoch's training loss is already low
        String firstEpoch = out.lines().filter(l -> l.matches("\\s+1\\s+.*")).findFirst().orElseThrow();
        double trainLoss = Double.parseDouble(firstEpoch.trim().split("\\s+")[2]);
        assertThat(trainLoss).isLessThan(1.0);
    }

    @Test
    void evaluateAndPredictReproduceTheRunsTestResults(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        String trained = run("train", "--dataset", "digits", "--epochs", "2", "--run-dir", runDir.toString());
        String accuracy = trained.lines().filter(l -> l.startsWith("test     loss")).findFirst().orElseThrow()
                .replaceAll(".*accuracy ([0-9.]+%).*", "$1");
        String evaluated = run("evaluate", runDir.toString());
        assertThat(evaluated).contains("accuracy " + accuracy).contains("true\\pred");
        Path predictions = dir.resolve("p.csv");
        run("predict", runDir.toString(), "--output", predictions.toString());
        List<String> rows = Files.readAllLines(predictions);
        assertThat(rows.get(0)).startsWith("index,predicted,label,p_0");
        long correct = rows.stream().skip(1).map(r -> r.split(",")).filter(r -> r[1].equals(r[2])).count();
        assertThat(String.format(java.util.Locale.ROOT, "%.2f%%", 100.0 * correct / (rows.size() - 1))).isEqualTo(accuracy);
        assertThat(run("datasets")).contains("fashion-mnist").contains("digits");
    }

    @Test
    void everyExampleConfigRuns(@TempDir Path dir) {
        Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
        String csv = run("train", "--config", examples.resolve("csv-example.yaml").toString(), "--epochs", "2",
                "--run-dir", dir.resolve("csv").toString());
        assertThat(csv).contains("test     loss");
        String regression = run("train", "--config", examples.resolve("linear-regression-synthetic.yaml").toString(),
                "--epochs", "3", "--run-dir", dir.resolve("regression").toString());
        assertThat(regression).contains("val r²").contains("test     rmse");
    }
}
