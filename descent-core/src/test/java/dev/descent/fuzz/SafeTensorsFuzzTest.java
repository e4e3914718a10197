package dev.descent.fuzz;

import static dev.descent.fuzz.FuzzChecks.parsesOrThrowsOnly;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.descent.io.SafeTensors;
import dev.descent.model.ModelBundle;
import dev.descent.train.CheckpointFile;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the readers of safetensors files: {@link SafeTensors#read}, {@link CheckpointFile#read}
 * and {@link ModelBundle#load}. Any bytes either read or give an {@link IOException} (such as
 * {@link dev.descent.io.SafeTensorsFormatException}) or, for a bad model description, an
 * {@link IllegalArgumentException}, with a message.
 * Seeds: {@code src/test/resources/dev/descent/fuzz/SafeTensorsFuzzTestInputs/<method>/}.
 */
class SafeTensorsFuzzTest {
    private static final Path DIR = FuzzChecks.temporaryDirectory("safetensors-fuzz");

    @Timeout(10)
    @FuzzTest(maxDuration = "10m")
    void safeTensors(byte[] input) {
        Path file = FuzzChecks.write(DIR.resolve("input.safetensors"), input);
        parsesOrThrowsOnly(() -> SafeTensors.read(file), IOException.class);
    }

    @Timeout(10)
    @FuzzTest(maxDuration = "10m")
    void checkpoint(byte[] input) {
        Path file = FuzzChecks.write(DIR.resolve("last.safetensors"), input);
        parsesOrThrowsOnly(() -> CheckpointFile.read(file), IOException.class);
    }

    @Timeout(10)
    @FuzzTest(maxDuration = "10m")
    void modelBundle(byte[] input) {
        Path file = FuzzChecks.write(DIR.resolve("model.safetensors"), input);
        parsesOrThrowsOnly(() -> ModelBundle.load(file), IOException.class, IllegalArgumentException.class);
    }
}
