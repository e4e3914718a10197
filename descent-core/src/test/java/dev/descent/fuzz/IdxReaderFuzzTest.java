package dev.descent.fuzz;

import static dev.descent.fuzz.FuzzChecks.parsesOrThrowsOnly;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.descent.data.DataException;
import dev.descent.data.IdxReader;
import dev.descent.data.MnistLayout;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link IdxReader} (raw and gzip IDX) and {@link MnistLayout} (an images and a labels
 * file that must agree): any bytes either read or give a {@link DataException} with a message.
 * Seeds: {@code src/test/resources/dev/descent/fuzz/IdxReaderFuzzTestInputs/<method>/}.
 */
class IdxReaderFuzzTest {
    private static final Path DIR = FuzzChecks.temporaryDirectory("idx-fuzz");

    @Timeout(10)
    @FuzzTest(maxDuration = "10m")
    void read(byte[] input) {
        Path file = FuzzChecks.write(DIR.resolve("input.idx"), input);
        parsesOrThrowsOnly(() -> IdxReader.read(file), DataException.class);
    }

    /**
     * The input is a labels file and an images file: its first byte {@code k} puts the labels
     * in the next {@code k} bytes, the images in the rest.
     */
    @Timeout(10)
    @FuzzTest(maxDuration = "10m")
    void mnistLayout(byte[] input) {
        int labelBytes = input.length == 0 ? 0 : Math.min(input[0] & 0xff, input.length - 1);
        byte[] labels = Arrays.copyOfRange(input, Math.min(1, input.length), Math.min(1, input.length) + labelBytes);
        byte[] images = Arrays.copyOfRange(input, Math.min(1, input.length) + labelBytes, input.length);
        Path dir = DIR.resolve("mnist");
        dir.toFile().mkdirs();
        FuzzChecks.write(dir.resolve(MnistLayout.TRAIN_LABELS), labels);
        FuzzChecks.write(dir.resolve(MnistLayout.TRAIN_IMAGES), images);
        FuzzChecks.write(dir.resolve(MnistLayout.TEST_LABELS), labels);
        FuzzChecks.write(dir.resolve(MnistLayout.TEST_IMAGES), images);
        parsesOrThrowsOnly(() -> MnistLayout.loadTrain(dir, "mnist"), DataException.class);
    }
}
