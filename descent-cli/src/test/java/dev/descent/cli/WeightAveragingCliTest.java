package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.io.SafeTensors;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code training.average} from the command line: a tiny training on the built-in digits with
 * each kind validates, tests and saves the averaged weights (the model file holds exactly the
 * average the last checkpoint keeps beside the iterate), says so, and resumes bit for bit.
 */
class WeightAveragingCliTest {

    /** Three epochs of a 64-16-10 MLP at a constant rate, seed 3, with the given extra arguments. */
    private static CliRun train(Path runDir, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "digits", "--hidden", "16", "--epochs", "3",
                "--schedule", "constant", "--seed", "3", "--run-dir", runDir.toString(), "--no-plots"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args);
        assertThat(run.code()).as("%s%n%s%n%s", args, run.out(), run.err()).isZero();
        return run;
    }

    private static Map<String, Tensor> tensors(Path file) throws IOException {
        return SafeTensors.read(file).tensors();
    }

    private static JsonNode summary(Path runDir) throws IOException {
        return new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{kind: polyak, start: 20}", "{kind: ema, decay: 0.9}",
        "{kind: ema, decay: 0.99, bias_correction: true}", "{kind: swa, start_epoch: 2, every: 1, swa_lr: 0.02}"})
    void eachKindTestsAndSavesTheAveragedWeights(String average, @TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        CliRun run = train(runDir, "--set", "training.average=" + average, "--set", "training.checkpoint_every=3");
        String kind = average.replaceAll("^\\{kind: (\\w+).*", "$1");

        assertThat(run.out()).contains("average  ").contains("validation (once an iterate is averaged), test and"
                + " model.safetensors use the averaged weights").contains("iterates averaged: the test and"
                + " model.safetensors use the averaged weights").contains("test     loss");
        JsonNode summary = summary(runDir);
        assertThat(summary.get("average").asText()).isEqualTo(kind);
        long iterates = summary.get("averaged_iterates").asLong();
        assertThat(iterates).isPositive();
        if (kind.equals("swa")) {
            assertThat(iterates).isEqualTo(2); // the ends of epochs 2 and 3
            assertThat(run.out()).contains("SWA, the last iterate of every epoch from epoch 2, at a constant rate 0.02");
        }

        // the model file holds the average, and the checkpoint keeps it beside the iterate
        Map<String, Tensor> model = tensors(runDir.resolve("model.safetensors"));
        Map<String, Tensor> checkpoint = tensors(runDir.resolve("checkpoints/last.safetensors"));
        assertThat(model.keySet()).containsExactlyInAnyOrder("0.weight", "0.bias", "2.weight", "2.bias");
        for (String name : model.keySet()) {
            assertThat(model.get(name).data()).as(name).containsExactly(checkpoint.get("average/" + name).data());
            assertThat(model.get(name).data()).as(name).isNotEqualTo(checkpoint.get("model/" + name).data());
        }
    }

    @Test
    void aRunStoppedAtACheckpointResumesToTheSameAverage(@TempDir Path dir) throws IOException {
        String average = "training.average={kind: ema, decay: 0.95, bias_correction: true}";
        Path straight = dir.resolve("straight");
        train(straight, "--set", "training.epochs=4", "--set", average);

        Path first = dir.resolve("first");
        train(first, "--set", "training.epochs=4", "--set", average, "--set", "training.checkpoint_every=2");
        Path resumed = dir.resolve("resumed"); // from epoch 2's checkpoint, in fresh objects
        CliRun run = CliRun.of("train", "--resume", first.resolve("checkpoints/epoch-0002.safetensors").toString(),
                "--run-dir", resumed.toString(), "--no-plots");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("after epoch 2");

        assertThat(Files.readAllBytes(resumed.resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(straight.resolve("model.safetensors")));
        assertThat(summary(resumed).get("averaged_iterates").asLong())
                .isEqualTo(summary(straight).get("averaged_iterates").asLong());
    }

    @Test
    void withoutAnAverageTheModelIsTheLastIterate(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("plain");
        CliRun run = train(plain);
        assertThat(run.out()).doesNotContain("average  ");
        assertThat(summary(plain).has("average")).isFalse();
        Path averaged = dir.resolve("averaged");
        train(averaged, "--set", "training.average={kind: polyak}");
        Map<String, Tensor> a = tensors(plain.resolve("model.safetensors"));
        Map<String, Tensor> b = tensors(averaged.resolve("model.safetensors"));
        assertThat(a.get("0.weight").data()).isNotEqualTo(b.get("0.weight").data());
    }

    @Test
    void aBadAverageIsRefusedBeforeTrainingNamingTheKey(@TempDir Path dir) {
        CliRun run = CliRun.of("train", "--dataset", "digits", "--set", "training.average={kind: ema, decay: 1.5}",
                "--run-dir", dir.resolve("run").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith("descent: error: training.average.decay: out of range").contains("got 1.5")
                .contains("allowed: (0, 1), e.g. 0.999");
        assertThat(run.out()).doesNotContain("epoch ");
    }
}
