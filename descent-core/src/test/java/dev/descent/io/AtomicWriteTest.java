package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write replaces the file only when it completes: a failure at any point leaves the old file
 * as it was and no temporary file behind.
 */
class AtomicWriteTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> threeTensors() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a", Tensor.filled(1f, 1000));
        tensors.put("b", Tensor.filled(2f, 1000));
        tensors.put("c", Tensor.filled(3f, 1000));
        return tensors;
    }

    @Test
    void aNewFileLeavesNothingElseInTheDirectory() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, threeTensors());
        assertThat(dir.toFile().list()).containsExactly("model.safetensors");
    }

    @Test
    void anExistingFileIsReplacedOnSuccess() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, Map.of("old", Tensor.scalar(1f)));
        SafeTensors.write(file, Map.of("new", Tensor.scalar(2f)), Map.of("v", "2"));
        SafeTensorsFile read = SafeTensors.read(file);
        assertThat(read.tensors()).containsOnlyKeys("new");
        assertThat(read.metadata()).containsEntry("v", "2");
        assertThat(dir.toFile().list()).containsExactly("model.safetensors");
    }

    @Test
    void aWriteThatFailsMidWayLeavesTheOldFileIntact() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, Map.of("old", Tensor.scalar(1f)));
        byte[] before = Files.readAllBytes(file);

        // The failure comes after the header and the first tensor's bytes have been written.
        assertThatThrownBy(() -> SafeTensors.write(file, threeTensors(), Map.of(), tensorIndex -> {
            if (tensorIndex == 0) {
                throw new UncheckedIOException(new IOException("disk full (simulated)"));
            }
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full (simulated)");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(dir.toFile().list()).containsExactly("model.safetensors");
    }

    @Test
    void aFailingWriterLeavesNeitherTheTargetNorATemporaryFile() {
        Path file = dir.resolve("never.bin");
        assertThatThrownBy(() -> AtomicFileWriter.write(file, channel -> {
            channel.write(ByteBuffer.wrap(new byte[4096]));
            throw new IOException("device error (simulated)");
        })).isInstanceOf(IOException.class).hasMessage("device error (simulated)");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void errorsOfAnyKindCleanUp() throws IOException {
        Path file = dir.resolve("kept.bin");
        Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> AtomicFileWriter.write(file, channel -> {
            channel.write(ByteBuffer.wrap(new byte[] {9, 9}));
            throw new OutOfMemoryError("simulated");
        })).isInstanceOf(OutOfMemoryError.class);
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        assertThat(dir.toFile().list()).containsExactly("kept.bin");
    }

    @Test
    void aMissingDirectoryIsReportedAndNothingIsCreated() {
        Path file = dir.resolve("absent").resolve("model.safetensors");
        assertThatThrownBy(() -> SafeTensors.write(file, Map.of())).isInstanceOf(NoSuchFileException.class);
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void theFileGetsTheUsualPermissionsOfANewFileNotThoseOfATemporaryOne() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path plain = Files.createFile(dir.resolve("plain"));
        Path written = dir.resolve("written.safetensors");
        SafeTensors.write(written, Map.of());
        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aRelativePathIsWrittenInItsDirectory() throws IOException {
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("relative.safetensors"));
        SafeTensors.write(relative, Map.of("x", Tensor.scalar(4f)));
        assertThat(SafeTensors.read(dir.resolve("relative.safetensors")).tensor("x").item()).isEqualTo(4f);
    }
}
