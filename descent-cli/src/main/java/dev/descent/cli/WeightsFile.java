package dev.descent.cli;

import dev.descent.io.ModelWeights;
import dev.descent.io.SafeTensors;
import dev.descent.io.SafeTensorsFile;
import dev.descent.nn.Layer;
import dev.descent.tensor.Tensor;
import dev.descent.train.CheckpointFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Weights given on the command line ({@code train --init-from}, {@code evaluate --weights}): a
 * model file (Descent's or PyTorch's safetensors), or the model inside a Descent checkpoint.
 * Checked by name and shape, and for NaN or infinite values, before any work.
 */
final class WeightsFile {
    private WeightsFile() {
    }

    /** @param option the flag that named the file, for messages */
    static void load(Layer model, Path file, String option) {
        Map<String, Tensor> weights;
        try {
            SafeTensorsFile contents = SafeTensors.read(file);
            weights = CheckpointFile.FORMAT.equals(contents.metadata().get("format"))
                    ? CheckpointFile.read(file).state().weights() : contents.tensors();
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            // the readers' messages start with the file already
            throw new UncheckedIOException(option + " " + (message.startsWith(file.toString()) ? message
                    : file + ": " + message), e);
        }
        weights.forEach((name, tensor) -> {
            for (float v : tensor.data()) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(option + " " + file + ": tensor '" + name + "' holds " + v
                            + "; weights with NaN or infinite values cannot be used. Give the weights of a run that"
                            + " did not diverge");
                }
            }
        });
        try {
            ModelWeights.loadStateDict(model, weights, file.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
