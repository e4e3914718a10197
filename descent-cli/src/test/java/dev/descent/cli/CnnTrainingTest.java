package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.cli.config.ConfigLoader;
import dev.descent.cli.config.ModelSettings;
import dev.descent.cli.config.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A convolutional network from a configuration file, end to end: trained on the built-in 8×8
 * digits (1 797 images, a few seconds), saved, evaluated and used for predictions; and the
 * configuration's mistakes, each named by its key.
 */
class CnnTrainingTest {

    private static final String CNN = """
            task: classification
            data: {dataset: digits}
            model:
              kind: cnn
              input_shape: [1, 8, 8]
              layers:
                - {type: conv2d, out_channels: 8, kernel_size: 3, padding: 1}
                - {type: relu}
                - {type: max_pool2d, kernel_size: 2}
                - {type: flatten}
            optimizer: {name: sgd, lr: 0.05, momentum: 0.9}
            training: {epochs: 4, batch_size: 32, seed: 1}
            """;

    @Test
    void aCnnTrainsSavesEvaluatesAndPredicts(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("cnn.yaml"), CNN);
        Path run = dir.resolve("run");
        CliRun trained = CliRun.of("train", "--config", config.toString(), "--run-dir", run.toString(), "--no-plots");
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("1×8×8 CNN (conv 8, linear 10)");
        String summary = Files.readString(run.resolve("summary.json"));
        double accuracy = Double.parseDouble(summary.replaceAll("(?s).*\"test_accuracy\"\\s*:\\s*([0-9.]+).*", "$1"));
        assertThat(accuracy).as("test accuracy after 4 epochs").isGreaterThan(0.9);

        CliRun evaluated = CliRun.of("evaluate", run.toString(), "--split", "test");
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(evaluated.out()).contains("accuracy");

        Path predictions = dir.resolve("predictions.csv");
        CliRun predicted = CliRun.of("predict", run.toString(), "--split", "test", "--output", predictions.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(Files.readAllLines(predictions).get(0)).startsWith("index,predicted,label,p_0");
    }

    private static final String RESNET = """
            task: classification
            data: {dataset: digits}
            model:
              kind: cnn
              input_shape: [1, 8, 8]
              layers:
                - {type: conv2d, out_channels: 8, kernel_size: 3, padding: 1, bias: false}
                - {type: batch_norm2d}
                - {type: relu}
                - type: residual
                  branch:
                    - {type: conv2d, out_channels: 8, kernel_size: 3, padding: 1, bias: false}
                    - {type: batch_norm2d}
                    - {type: relu}
                    - {type: conv2d, out_channels: 8, kernel_size: 3, padding: 1, bias: false}
                    - {type: batch_norm2d, momentum: 0.2}
                - {type: relu}
                - {type: dropout2d, p: 0.1}
                - type: residual
                  branch:
                    - {type: conv2d, out_channels: 16, kernel_size: 3, stride: 2, padding: 1}
                    - {type: relu}
                  shortcut:
                    - {type: conv2d, out_channels: 16, kernel_size: 1, stride: 2}
                - {type: layer_norm}
                - {type: global_avg_pool2d}
                - {type: flatten}
                - {type: linear, out_features: 32}
                - {type: batch_norm1d}
                - {type: relu}
            optimizer: {name: sgd, lr: 0.05, momentum: 0.9}
            training: {epochs: 4, batch_size: 32, seed: 1}
            """;

    /**
     * Batch norm, residual blocks (identity and projection shortcuts), channel dropout and layer
     * norm from YAML: the run trains, and its saved model (with batch norm's running statistics)
     * evaluates and predicts in evaluation mode with the accuracy the training run reported.
     */
    @Test
    void aResidualNetworkWithBatchNormTrainsAndPredictsFromItsSavedRunningStatistics(@TempDir Path dir)
            throws IOException {
        Path config = Files.writeString(dir.resolve("resnet.yaml"), RESNET);
        Path run = dir.resolve("run");
        CliRun trained = CliRun.of("train", "--config", config.toString(), "--run-dir", run.toString(), "--no-plots");
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("1×8×8 CNN (conv 8+bn, residual, residual, linear 32+bn, linear 10)");
        String summary = Files.readString(run.resolve("summary.json"));
        String accuracy = summary.replaceAll("(?s).*\"test_accuracy\"\\s*:\\s*([0-9.]+).*", "$1");
        assertThat(Double.parseDouble(accuracy)).as("test accuracy after 4 epochs").isGreaterThan(0.9);

        CliRun evaluated = CliRun.of("evaluate", run.toString(), "--split", "test");
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        String percent = String.format(java.util.Locale.ROOT, "%.2f%%", 100 * Double.parseDouble(accuracy));
        assertThat(evaluated.out()).as("the saved model gives the run's test accuracy").contains(percent);
        CliRun predicted = CliRun.of("predict", run.toString(), "--split", "test", "--output",
                dir.resolve("p.csv").toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
    }

    @Test
    void mistakesInNormalisationAndResidualLayersNameTheirKey(@TempDir Path dir) throws IOException {
        assertRefused(dir, RESNET.replace("    - {type: batch_norm2d}\n    - {type: relu}\n    - type: residual",
                "    - {type: batch_norm1d}\n    - {type: relu}\n    - type: residual"),
                "batch_norm1d layer takes [features] or [channels, length]");
        assertRefused(dir, RESNET.replace("      shortcut:\n        - {type: conv2d, out_channels: 16, kernel_size: 1,"
                + " stride: 2}\n", ""), "the branch gives shape [16, 4, 4] but the identity shortcut passes [8, 8, 8]");
        assertRefused(dir, RESNET.replace("{type: layer_norm}", "{type: layer_norm, normalized_shape: [8, 8]}"),
                "normalized_shape [8, 8] is not the end of the input shape [16, 4, 4]");
        assertRefused(dir, RESNET.replace("{type: dropout2d, p: 0.1}", "{type: dropout2d, p: 1.5}"),
                "dropout2d: p must be in [0, 1)");
        assertRefused(dir, RESNET.replace("{type: batch_norm2d, momentum: 0.2}", "{type: batch_norm2d, momentum: 2}"),
                "momentum must be in [0, 1]");
        assertRefused(dir, RESNET.replace("branch:\n        - {type: conv2d, out_channels: 16",
                "branches:\n        - {type: conv2d, out_channels: 16"),
                "a residual layer has no such setting");
    }

    @Test
    void theReadmesCnnBlockIsAValidConfiguration(@TempDir Path dir) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```yaml\nmodel:\n  kind: cnn");
        assertThat(start).as("the README's cnn block").isGreaterThanOrEqualTo(0);
        String block = readme.substring(start + "```yaml\n".length(), readme.indexOf("```", start + 7));
        Path config = Files.writeString(dir.resolve("readme-cnn.yaml"), block);
        RunConfig loaded = ConfigLoader.load(config, List.of());
        assertThat(loaded.model().kind()).isEqualTo(ModelSettings.Kind.CNN);
        assertThat(loaded.model().toSpec(784, 10).describe()).isEqualTo("1×28×28 CNN (conv 32, linear 10)");
    }

    @Test
    void theReadmesResidualBlockFitsAConfiguration(@TempDir Path dir) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```yaml\n    - type: residual");
        assertThat(start).as("the README's residual block").isGreaterThanOrEqualTo(0);
        String block = readme.substring(start + "```yaml\n".length(), readme.indexOf("```", start + 7));
        String yaml = """
                task: classification
                model:
                  kind: cnn
                  input_shape: [1, 28, 28]
                  layers:
                    - {type: conv2d, out_channels: 32, kernel_size: 3, padding: 1}
                """ + block + "    - {type: flatten}\n";
        Path config = Files.writeString(dir.resolve("readme-residual.yaml"), yaml);
        RunConfig loaded = ConfigLoader.load(config, List.of());
        assertThat(loaded.model().toSpec(784, 10).describe()).isEqualTo("1×28×28 CNN (conv 32, residual, linear 10)");
    }

    @Test
    void mistakesInTheLayersNameTheirKey(@TempDir Path dir) throws IOException {
        assertRefused(dir, CNN.replace("out_channels: 8, ", ""), "model.layers[0].out_channels: missing");
        assertRefused(dir, CNN.replace("{type: relu}", "{type: relux}"), "model.layers[1].type: unknown layer type");
        assertRefused(dir, CNN.replace("kernel_size: 2}", "kernel_size: 2, strides: 2}"),
                "model.layers[2].strides: a max_pool2d layer has no such setting");
        assertRefused(dir, CNN.replace("input_shape: [1, 8, 8]", "input_shape: [1, 28, 28]"),
                "model.input_shape: does not match the data");
        assertRefused(dir, CNN.replace("input_shape: [1, 8, 8]", "input_shape: [1, 4, 16]"),
                "allowed: [1, 8, 8], the data's image shape");
        assertRefused(dir, CNN.replace("    - {type: flatten}\n", ""), "model.layers: layer 3 (linear)");
        assertRefused(dir, CNN.replace("input_shape: [1, 8, 8]", "hidden: [64]"), "model.hidden");
        assertRefused(dir, CNN.replace("kind: cnn", "kind: mlp"), "model.input_shape: model kind mlp has no such setting");
    }

    @Test
    void anAugmentedRunSaysSoAndResumesBitForBit(@TempDir Path dir) throws IOException {
        String augmented = CNN.replace("data: {dataset: digits}",
                "data:\n  dataset: digits\n  augment: {random_crop_padding: 1, horizontal_flip: true}")
                .replace("seed: 1}", "seed: 1, checkpoint_every: 1}");
        Path config = Files.writeString(dir.resolve("augmented.yaml"), augmented);
        Path run = dir.resolve("run");
        CliRun trained = CliRun.of("train", "--config", config.toString(), "--run-dir", run.toString(), "--no-plots");
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("· batch 32 · augment RandomCrop(8, padding=1), RandomHorizontalFlip(p=0.5)"
                + " · seed 1");
        assertThat(Files.readString(run.resolve("config.yaml")))
                .contains("  augment:\n    random_crop_padding: 1\n    horizontal_flip: true\n");

        Path resumed = dir.resolve("resumed");
        CliRun continued = CliRun.of("train", "--resume", run.resolve("checkpoints/epoch-0002.safetensors").toString(),
                "--run-dir", resumed.toString(), "--no-plots");
        assertThat(continued.code()).as(continued.err()).isZero();
        assertThat(continued.out()).contains("augment RandomCrop(8, padding=1)");
        assertThat(Files.readAllBytes(resumed.resolve("model.safetensors")))
                .as("the weights after epochs 3 and 4, resumed from epoch 2")
                .isEqualTo(Files.readAllBytes(run.resolve("model.safetensors")));

        Path plain = dir.resolve("plain");
        CliRun unaugmented = CliRun.of("train", "--config", config.toString(), "--set", "data.augment=null",
                "--run-dir", plain.toString(), "--no-plots");
        assertThat(unaugmented.code()).as(unaugmented.err()).isZero();
        assertThat(unaugmented.out()).doesNotContain("augment");
        assertThat(Files.readAllBytes(plain.resolve("model.safetensors")))
                .isNotEqualTo(Files.readAllBytes(run.resolve("model.safetensors")));
    }

    @Test
    void mistakesInTheAugmentationNameTheirKeyAndTheFix(@TempDir Path dir) throws IOException {
        String augmented = CNN.replace("data: {dataset: digits}", "data:\n  dataset: digits\n  augment: {AUGMENT}");
        assertRefused(dir, augmented.replace("AUGMENT", "random_crop_padding: 8"),
                "data.augment.random_crop_padding: not smaller than the image (model.input_shape [1, 8, 8]): the crop"
                        + " would shift it out entirely, got 8; allowed: an integer in [0, 7]");
        assertRefused(dir, augmented.replace("AUGMENT", "random_crop_padding: -2"),
                "data.augment.random_crop_padding: out of range: a padding is a number of pixels, got -2");
        assertRefused(dir, augmented.replace("AUGMENT", "flip: true"),
                "unknown key 'data.augment.flip'");
        assertRefused(dir, augmented.replace("AUGMENT", "horizontal_flip: true").replace("kind: cnn", "kind: mlp")
                        .replace("  input_shape: [1, 8, 8]\n", "").replaceAll("(?s)  layers:.*flatten}\n", ""),
                "data.augment: crops and flips images, but model kind mlp takes each example as a flat row");
    }

    private static void assertRefused(Path dir, String yaml, String message) throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"), yaml);
        CliRun run = CliRun.of("train", "--config", config.toString(), "--run-dir", dir.resolve("bad-run").toString(),
                "--no-plots");
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith("descent: error:").contains(message).doesNotContain("\tat ");
    }
}
