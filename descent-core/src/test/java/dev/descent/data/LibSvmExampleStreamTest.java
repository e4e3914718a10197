package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibSvmExampleStreamTest {

    @Test
    void densifiesSparseLinesAndMapsBinaryLabels(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.svm");
        Files.writeString(file, "# a comment\n+1 1:0.5 3:2 # trailing\n-1 qid:7 2:-1\n\n1 4:1e1\n");
        try (LibSvmExampleStream stream = LibSvmExampleStream.open(file, 4, 2)) {
            float[] row = new float[4];
            assertThat(stream.next(row)).isEqualTo(1);
            assertThat(row).containsExactly(0.5f, 0f, 2f, 0f);
            assertThat(stream.next(row)).isEqualTo(0);
            assertThat(row).containsExactly(0f, -1f, 0f, 0f);
            assertThat(stream.next(row)).isEqualTo(1);
            assertThat(row).containsExactly(0f, 0f, 0f, 10f);
            assertThat(stream.next(row)).isEqualTo(-1);
        }
    }

    @Test
    void badLinesNameTheLine(@TempDir Path dir) throws IOException {
        float[] row = new float[3];
        assertThatThrownBy(() -> first(dir, "0 2:1 1:1\n", 3, 2, row)).hasMessageContaining("line 1")
                .hasMessageContaining("does not increase");
        assertThatThrownBy(() -> first(dir, "0 0:1\n", 3, 2, row)).hasMessageContaining("count from 1");
        assertThatThrownBy(() -> first(dir, "0 9:1\n", 3, 2, row)).hasMessageContaining("exceeds the dimension 3");
        assertThatThrownBy(() -> first(dir, "5 1:1\n", 3, 3, row)).hasMessageContaining("class index 0..2");
        assertThatThrownBy(() -> first(dir, "1 a:b\n", 3, 2, row)).hasMessageContaining("index:value");
        assertThatThrownBy(() -> LibSvmExampleStream.open(dir.resolve("x"), 0, 2)).hasMessageContaining("dimension");
    }

    private static int first(Path dir, String content, int dimension, int classes, float[] row) throws IOException {
        Path file = Files.createTempFile(dir, "t", ".svm");
        Files.writeString(file, content);
        try (LibSvmExampleStream stream = LibSvmExampleStream.open(file, dimension, classes)) {
            return stream.next(row);
        }
    }
}
