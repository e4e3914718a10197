package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.io.SafeTensors;
import dev.descent.io.SafeTensorsFile;
import dev.descent.optim.OptimizerState;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint detects damage to its tensor data, and equal states give equal bytes. */
class CheckpointIntegrityTest {
    @TempDir
    Path dir;

    /** A small state whose maps are filled in the order of {@code keys}. */
    static TrainingState state(int epochsDone, List<String> keys) {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        Map<String, Long> parameterSteps = new LinkedHashMap<>();
        Map<String, Long> generators = new LinkedHashMap<>();
        for (String key : keys) {
            int n = key.hashCode() & 7;
            weights.put(key, Tensor.wrap(new float[] {n, epochsDone, 0.5f}, 3));
            buffers.put(key + "/m", Tensor.wrap(new float[] {-n, 0.25f, epochsDone}, 3));
            parameterSteps.put(key, 10L * epochsDone + n);
            generators.put("rng-" + key, 1000L + n);
        }
        return new TrainingState(epochsDone, 7L * epochsDone, weights, generators,
                new OptimizerState(3L * epochsDone, 3L * epochsDone, parameterSteps, buffers), null, null);
    }

    static TrainingState state(int epochsDone) {
        return state(epochsDone, List.of("0.weight", "0.bias", "2.weight", "2.bias"));
    }

    /** Changes the file's last byte, which lies in the tensor data. */
    static void flipLastByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(file, bytes);
    }

    @Test
    void aCheckpointWithOneChangedByteOfTensorDataIsReportedAsCorrupted() throws IOException {
        Path file = dir.resolve("last.safetensors");
        CheckpointFile.write(file, state(2), Map.of("config", "epochs: 2"));
        assertThat(CheckpointFile.read(file).state().epochsDone()).isEqualTo(2);

        flipLastByte(file);

        assertThatThrownBy(() -> CheckpointFile.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is corrupted")
                .hasMessageContaining("does not match the checksum saved with it")
                .hasMessageContaining("restore it from a copy or retrain");
    }

    @Test
    void equalStatesBuiltInDifferentOrdersGiveByteIdenticalCheckpoints() throws IOException {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            keys.add(i + ".weight");
        }
        List<String> reversed = new ArrayList<>(keys);
        Collections.reverse(reversed);
        Map<String, String> extra = new LinkedHashMap<>();
        Map<String, String> extraReversed = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            extra.put("key" + i, "value" + i);
        }
        for (int i = 19; i >= 0; i--) {
            extraReversed.put("key" + i, "value" + i);
        }
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        CheckpointFile.write(a, state(3, keys), extra);
        CheckpointFile.write(b, state(3, reversed), extraReversed);

        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
        assertThat(CheckpointFile.read(b).state().optimizer().parameterSteps())
                .isEqualTo(state(3, keys).optimizer().parameterSteps());
    }

    @Test
    void readingAMissingCheckpointSaysTheFileDoesNotExist() {
        Path file = dir.resolve("runs").resolve("last.safetensors");
        assertThatThrownBy(() -> CheckpointFile.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file + " does not exist");
    }

    @Test
    void aCheckpointWithoutAChecksumStillLoadsEvenWhenItsDataChanged() throws IOException {
        // A checkpoint as Descent wrote it before checksums: the same file without the key.
        Path file = dir.resolve("old.safetensors");
        CheckpointFile.write(file, state(1), Map.of());
        SafeTensorsFile written = SafeTensors.read(file);
        Map<String, String> metadata = new LinkedHashMap<>(written.metadata());
        assertThat(metadata.remove(SafeTensors.CHECKSUM_KEY)).hasSize(64);
        SafeTensors.write(file, written.tensors(), metadata);

        flipLastByte(file);

        assertThat(CheckpointFile.read(file).state().epochsDone()).isEqualTo(1);
    }

    @Test
    void theFirstCheckpointWrittenToADirectoryRemovesTemporaryFilesAKilledWriteLeft() throws IOException {
        Path stale = dir.resolve(".last.safetensors.0123456789abcdef.tmp");
        Path unrelated = dir.resolve("notes.tmp");
        Path hidden = dir.resolve(".last.safetensors.notes.tmp");
        for (Path p : List.of(stale, unrelated, hidden)) {
            Files.write(p, new byte[] {1, 2, 3});
        }
        CheckpointFile.write(dir.resolve("epoch-0001.safetensors"), state(1), Map.of());

        assertThat(stale).doesNotExist();
        assertThat(unrelated).exists();
        assertThat(hidden).exists();
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("epoch-0001.safetensors", "notes.tmp",
                ".last.safetensors.notes.tmp");
    }

    @Test
    void latestValidPrefersLastWhenItIsIntact() throws IOException {
        CheckpointFile.write(dir.resolve("epoch-0001.safetensors"), state(1), Map.of());
        CheckpointFile.write(dir.resolve("epoch-0002.safetensors"), state(2), Map.of());
        CheckpointFile.write(dir.resolve("last.safetensors"), state(2), Map.of());

        CheckpointFile.Choice choice = CheckpointFile.latestValid(dir);

        assertThat(choice.file()).isEqualTo(dir.resolve("last.safetensors"));
        assertThat(choice.note()).isEqualTo("last.safetensors reads and verifies; using it");
    }

    @Test
    void latestValidFallsBackToTheNewestEpochWhenLastIsMissing() throws IOException {
        // Killed while writing the first last.safetensors: only the epoch file and a leftover exist.
        CheckpointFile.write(dir.resolve("epoch-0009.safetensors"), state(9), Map.of());
        CheckpointFile.write(dir.resolve("epoch-0010.safetensors"), state(10), Map.of());
        Files.write(dir.resolve(".last.safetensors.0123456789abcdef.tmp"), new byte[] {1, 2});

        CheckpointFile.Choice choice = CheckpointFile.latestValid(dir);

        assertThat(choice.file()).isEqualTo(dir.resolve("epoch-0010.safetensors"));
        assertThat(choice.note()).isEqualTo("last.safetensors is missing; using epoch-0010.safetensors");
    }

    @Test
    void latestValidPassesOverACorruptedLastAndCorruptedNewerEpochs() throws IOException {
        CheckpointFile.write(dir.resolve("epoch-0001.safetensors"), state(1), Map.of());
        CheckpointFile.write(dir.resolve("epoch-0002.safetensors"), state(2), Map.of());
        CheckpointFile.write(dir.resolve("last.safetensors"), state(2), Map.of());
        flipLastByte(dir.resolve("last.safetensors"));
        flipLastByte(dir.resolve("epoch-0002.safetensors"));

        CheckpointFile.Choice choice = CheckpointFile.latestValid(dir);

        assertThat(choice.file()).isEqualTo(dir.resolve("epoch-0001.safetensors"));
        assertThat(choice.note()).startsWith("last.safetensors is unusable (")
                .contains("is corrupted").contains("; epoch-0002.safetensors is unusable (")
                .endsWith("; using epoch-0001.safetensors");
    }

    @Test
    void latestValidNamesTheDirectoryAndEveryProblemWhenAllAreCorrupted() throws IOException {
        CheckpointFile.write(dir.resolve("epoch-0001.safetensors"), state(1), Map.of());
        CheckpointFile.write(dir.resolve("last.safetensors"), state(1), Map.of());
        flipLastByte(dir.resolve("last.safetensors"));
        flipLastByte(dir.resolve("epoch-0001.safetensors"));

        assertThatThrownBy(() -> CheckpointFile.latestValid(dir)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot resume from " + dir + ": it holds no usable checkpoint.")
                .hasMessageContaining("last.safetensors is unusable (")
                .hasMessageContaining("epoch-0001.safetensors is unusable (")
                .hasMessageContaining("is corrupted");
    }

    @Test
    void latestValidSaysWhatAnEmptyOrUnrelatedDirectoryHolds() throws IOException {
        assertThatThrownBy(() -> CheckpointFile.latestValid(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot resume from " + dir + ": it holds no usable checkpoint.")
                .hasMessageContaining("neither last.safetensors nor any epoch-NNNN.safetensors; it holds nothing.");

        Files.writeString(dir.resolve("config.yaml"), "epochs: 3");
        assertThatThrownBy(() -> CheckpointFile.latestValid(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("it holds config.yaml.");
    }

    @Test
    void latestValidReportsAMissingDirectory() {
        Path missing = dir.resolve("no-such-run");
        assertThatThrownBy(() -> CheckpointFile.latestValid(missing)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot resume from " + missing + ": the directory does not exist.");
    }

    @Test
    void latestValidOrdersEpochsByNumberNotByText() throws IOException {
        CheckpointFile.write(dir.resolve("epoch-9999.safetensors"), state(9999), Map.of());
        CheckpointFile.write(dir.resolve("epoch-10000.safetensors"), state(10000), Map.of());

        assertThat(CheckpointFile.latestValid(dir).file()).isEqualTo(dir.resolve("epoch-10000.safetensors"));
    }
}
