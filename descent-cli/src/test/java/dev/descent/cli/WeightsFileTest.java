package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.io.SafeTensors;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Weights named on the command line: a checkpoint's model is accepted where {@code --help}
 * offers it (it used to end in a stack trace), and weights of another model, with NaN, or a
 * damaged checkpoint are one line naming the file.
 */
class WeightsFileTest {

    private record Result(int code, String out, String err) {
    }

    private static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = DescentCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return new Result(commandLine.execute(args), out.toString(), err.toString());
    }

    private static Path train(Path dir, String name, String... extra) {
        Path run = dir.resolve(name);
        String[] base = {"train", "--dataset", "iris", "--hidden", "8", "--epochs", "2", "--no-plots", "--run-dir",
                run.toString(), "--set", "training.checkpoint_every=1"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        Result result = execute(args);
        assertThat(result.code()).as(result.err()).isZero();
        return run;
    }

    private static void assertOneLine(Result result, String... fragments) {
        assertThat(result.code()).as(result.err()).isEqualTo(1);
        assertThat(result.err().lines().toList()).hasSize(1);
        assertThat(result.err()).startsWith("descent: error: ").doesNotContain("\tat ").doesNotContain("internal");
        for (String fragment : fragments) {
            assertThat(result.err()).contains(fragment);
        }
    }

    @Test
    void aCheckpointsModelIsAcceptedByInitFromAndEvaluateWeights(@TempDir Path dir) {
        Path run = train(dir, "first");
        Path checkpoint = run.resolve("checkpoints").resolve("epoch-0001.safetensors");
        Result evaluated = execute("evaluate", run.toString(), "--weights", checkpoint.toString());
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(evaluated.out()).contains("accuracy");
        Path second = dir.resolve("second");
        Result trained = execute("train", "--dataset", "iris", "--hidden", "8", "--epochs", "1", "--no-plots",
                "--run-dir", second.toString(), "--init-from", checkpoint.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("weights  from " + checkpoint);
    }

    @Test
    void weightsOfAnotherModelAreOneLineNamingTheFile(@TempDir Path dir) {
        Path small = train(dir, "small");
        Path other = dir.resolve("other");
        Result result = execute("train", "--dataset", "iris", "--hidden", "16", "--epochs", "1", "--no-plots",
                "--run-dir", other.toString(), "--init-from", small.resolve("model.safetensors").toString());
        // like PyTorch's load_state_dict: one line naming the file, then one per mismatched tensor
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).startsWith("descent: error: --init-from: Error(s) in loading weights from "
                + small.resolve("model.safetensors")).contains("Size mismatch for \"0.weight\"")
                .doesNotContain("\tat ").doesNotContain("internal");
        assertThat(other).doesNotExist();
        assertOneLine(execute("evaluate", small.toString(), "--weights",
                dir.resolve("nope.safetensors").toString()), "does not exist");
    }

    @Test
    void weightsWithNanAreRefusedNamingTheTensor(@TempDir Path dir) throws IOException {
        Path run = train(dir, "nan");
        Map<String, Tensor> weights = new LinkedHashMap<>(SafeTensors.read(run.resolve("model.safetensors")).tensors());
        Tensor broken = weights.get("0.weight").copy();
        broken.data()[3] = Float.NaN;
        weights.put("0.weight", broken);
        Path file = dir.resolve("nan.safetensors");
        SafeTensors.write(file, weights);
        Result result = execute("train", "--dataset", "iris", "--hidden", "8", "--epochs", "1", "--no-plots",
                "--run-dir", dir.resolve("again").toString(), "--init-from", file.toString());
        assertOneLine(result, "--init-from " + file, "'0.weight'", "NaN");
        assertThat(dir.resolve("again")).doesNotExist();
    }

    @Test
    void aCheckpointWithNegativeCountersNamesTheFile(@TempDir Path dir) throws IOException {
        Path run = train(dir, "counters");
        Path checkpoint = run.resolve("checkpoints").resolve("epoch-0001.safetensors");
        var contents = SafeTensors.read(checkpoint);
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        metadata.put("epochs_done", "-5");
        Path damaged = dir.resolve("damaged.safetensors");
        SafeTensors.write(damaged, contents.tensors(), metadata);
        Result result = execute("train", "--resume", damaged.toString(), "--run-dir", dir.resolve("r").toString(),
                "--no-plots");
        assertOneLine(result, damaged.toString(), "epochs_done is -5");
        assertThat(Files.exists(dir.resolve("r"))).isFalse();
    }
}
