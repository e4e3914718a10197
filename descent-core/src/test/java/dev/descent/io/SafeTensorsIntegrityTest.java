package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.nn.Models;
import dev.descent.nn.Layer;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checksums detect damaged tensor data; leftovers of killed writes are found and removed. */
class SafeTensorsIntegrityTest {
    @TempDir
    Path dir;

    private static void flipLastByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(file, bytes);
    }

    /** Every byte after the header, as {@code sha256sum} would hash it. */
    private static String sha256OfDataBuffer(Path file) throws IOException, NoSuchAlgorithmException {
        byte[] bytes = Files.readAllBytes(file);
        long headerBytes = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] data = Arrays.copyOfRange(bytes, (int) (8 + headerBytes), bytes.length);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private Path torchGolden() throws URISyntaxException {
        return Path.of(getClass().getResource("torch-mlp-4-3-2.safetensors").toURI());
    }

    @Test
    void aModelFileWithOneChangedByteOfTensorDataIsReportedAsCorrupted() throws IOException {
        Layer model = Models.mlp(new Rng(3), 4, 3, 2);
        Path file = dir.resolve("model.safetensors");
        ModelWeights.saveWithChecksum(model, file, Map.of("format", "pt"));
        ModelWeights.load(Models.mlp(new Rng(4), 4, 3, 2), file);

        flipLastByte(file);

        assertThatThrownBy(() -> ModelWeights.load(Models.mlp(new Rng(4), 4, 3, 2), file))
                .isInstanceOf(SafeTensorsFormatException.class)
                .hasMessageStartingWith(file + ": the file is corrupted: its tensor data does not match the checksum"
                        + " saved with it (descent.sha256 is ")
                .hasMessageEndingWith("); restore it from a copy or retrain.");
    }

    @Test
    void theChecksumIsTheSha256OfTheDataBufferAndFollowsTheCallersMetadata()
            throws IOException, NoSuchAlgorithmException {
        Path file = dir.resolve("t.safetensors");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("epochs", "3");
        SafeTensors.writeWithChecksum(file, Map.of("b", Tensor.wrap(new float[] {1, 2, 3}, 3),
                "a", Tensor.wrap(new float[] {4, 5}, 2)), metadata);

        SafeTensorsFile read = SafeTensors.read(file);
        assertThat(List.copyOf(read.metadata().keySet())).containsExactly("format", "epochs", "descent.sha256");
        assertThat(read.metadata().get(SafeTensors.CHECKSUM_KEY)).isEqualTo(sha256OfDataBuffer(file));
        assertThat(read.tensor("b").data()).containsExactly(1, 2, 3);
    }

    @Test
    void aStaleChecksumInTheMetadataIsReplacedByTheTrueOne() throws IOException, NoSuchAlgorithmException {
        // Metadata read from one file and saved with other weights must not cause a false alarm.
        Path first = dir.resolve("first.safetensors");
        ModelWeights.saveWithChecksum(Models.mlp(new Rng(1), 4, 3, 2), first, Map.of("format", "pt"));
        Map<String, String> copied = SafeTensors.read(first).metadata();
        Path second = dir.resolve("second.safetensors");
        ModelWeights.save(Models.mlp(new Rng(2), 4, 3, 2), second, copied);

        assertThat(SafeTensors.read(second).metadata().get(SafeTensors.CHECKSUM_KEY))
                .isEqualTo(sha256OfDataBuffer(second))
                .isNotEqualTo(copied.get(SafeTensors.CHECKSUM_KEY));
    }

    @Test
    void aFileWrittenByPyTorchHasNoChecksumAndStillLoadsWhenItsDataChanged()
            throws IOException, URISyntaxException {
        Path file = dir.resolve("torch.safetensors");
        Files.copy(torchGolden(), file);
        assertThat(SafeTensors.read(file).metadata()).doesNotContainKey(SafeTensors.CHECKSUM_KEY);

        flipLastByte(file);

        Layer model = Models.mlp(new Rng(0), 4, 3, 2);
        ModelWeights.load(model, file);
        assertThat(SafeTensors.read(file).tensors()).containsOnlyKeys("0.weight", "0.bias", "2.weight", "2.bias");
    }

    @Test
    void plainWritesStayByteForByteThoseOfTheReferenceWriter() throws IOException, URISyntaxException {
        SafeTensorsFile torch = SafeTensors.read(torchGolden());
        Path file = dir.resolve("again.safetensors");
        SafeTensors.write(file, torch.tensors(), torch.metadata());
        assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(torchGolden()));
    }

    @Test
    void loadingAMissingModelFileSaysItDoesNotExist() {
        Path file = dir.resolve("trained").resolve("model.safetensors");
        assertThatThrownBy(() -> ModelWeights.load(Models.mlp(new Rng(0), 4, 3, 2), file))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(file + " does not exist");
        Path relative = Path.of("no-such-dir-for-descent-tests", "model.safetensors");
        assertThatThrownBy(() -> SafeTensors.read(relative)).isInstanceOf(NoSuchFileException.class)
                .hasMessage(relative + " does not exist (looked for " + relative.toAbsolutePath() + ")");
    }

    @Test
    void removeStaleTemporariesDeletesTheLeftoversOfAKilledWriteAndNothingElse() throws IOException {
        // Learn the name a real write uses, then leave a file of that name behind as a kill would.
        AtomicReference<String> temporaryName = new AtomicReference<>();
        Path target = dir.resolve("model.safetensors");
        AtomicFileWriter.write(target, channel -> {
            try (var files = Files.list(dir)) {
                temporaryName.set(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp"))
                        .findFirst().orElseThrow());
            }
        });
        Path leftover = dir.resolve(temporaryName.get());
        Files.write(leftover, new byte[] {1});
        Path olderStyle = dir.resolve(".epoch-0001.safetensors.7a3c9e0f1b2d.tmp");
        Files.write(olderStyle, new byte[] {1});
        List<String> kept = List.of("model.safetensors", "notes.tmp", ".notes.tmp", ".cache.db.tmp",
                "model.safetensors.0123456789abcdef.tmp", ".model.safetensors.0123456789ABCDEF.tmp",
                ".model.safetensors.0123456789abcdef.tmp.bak", ".model.safetensors.0123456789abcdef0.tmp");
        for (String name : kept.subList(1, kept.size())) {
            Files.write(dir.resolve(name), new byte[] {2});
        }
        Path subdirectory = Files.createDirectory(dir.resolve(".sub.0123456789abcdef.tmp"));
        Files.write(subdirectory.resolve(".x.0123456789abcdef.tmp"), new byte[] {3});

        List<Path> removed = AtomicFileWriter.removeStaleTemporaries(dir);

        assertThat(removed).containsExactly(olderStyle, leftover);
        assertThat(dir.toFile().list()).containsExactlyInAnyOrderElementsOf(
                concat(kept, ".sub.0123456789abcdef.tmp"));
        assertThat(subdirectory.resolve(".x.0123456789abcdef.tmp")).exists();
        assertThat(AtomicFileWriter.removeStaleTemporaries(dir)).isEmpty();
        assertThat(AtomicFileWriter.removeStaleTemporaries(dir.resolve("absent"))).isEmpty();
    }

    private static List<String> concat(List<String> names, String name) {
        List<String> all = new java.util.ArrayList<>(names);
        all.add(name);
        return all;
    }
}
