package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing then reading gives back the same names, shapes, values and metadata. */
class SafeTensorsRoundTripTest {

    @Test
    void everyShapeAndValueComesBackExactly(@TempDir Path dir) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("scalar", Tensor.scalar(-2.5f));
        tensors.put("vector", Tensor.of(new float[] {1f, Float.MIN_VALUE, -0f, Float.MAX_VALUE, 1e-30f}, 5));
        tensors.put("matrix", Tensor.generate(i -> Math.sin(i) * 1e3, 3, 4));
        tensors.put("rank3", Tensor.generate(i -> i - 11.75, 2, 3, 4));
        tensors.put("empty", Tensor.zeros(0, 3));
        tensors.put("special", Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}, 3));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("note", "quotes \" backslash \\ newline \n tab \t bell \u0007 and ünïcödé ✓");
        metadata.put("", "empty key");

        Path file = dir.resolve("all.safetensors");
        SafeTensors.write(file, tensors, metadata);
        SafeTensorsFile read = SafeTensors.read(file);

        assertThat(read.tensors().keySet()).containsExactlyInAnyOrderElementsOf(tensors.keySet());
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor back = read.tensor(e.getKey());
            assertThat(back.shape()).as(e.getKey()).isEqualTo(e.getValue().shape());
            for (int i = 0; i < back.size(); i++) {
                assertThat(Float.floatToRawIntBits(back.get(i))).as(e.getKey() + "[" + i + "]")
                        .isEqualTo(Float.floatToRawIntBits(e.getValue().get(i)));
            }
            assertThat(read.dtypes().get(e.getKey())).isEqualTo("F32");
        }
        assertThat(read.tensor("scalar").shape()).isEqualTo(Shape.of());
        assertThat(read.metadata()).containsExactlyEntriesOf(metadata);
    }

    @Test
    void tensorsAreSortedByNameWhateverTheMapOrder(@TempDir Path dir) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String name : List.of("b", "a.2", "a.10", "Z", "é", "\uD83D\uDE00", "\uFFFD")) {
            tensors.put(name, Tensor.scalar(name.length()));
        }
        Path file = dir.resolve("order.safetensors");
        SafeTensors.write(file, tensors);
        // Code point order is UTF-8 byte order: U+FFFD sorts before U+1F600 although its UTF-16
        // code unit (0xFFFD) is larger than the high surrogate (0xD83D).
        assertThat(List.copyOf(SafeTensors.read(file).tensors().keySet()))
                .containsExactly("Z", "a.10", "a.2", "b", "é", "\uFFFD", "\uD83D\uDE00");
    }

    @Test
    void noTensorsAndNoMetadataIsAValidFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("empty.safetensors");
        SafeTensors.write(file, Map.of());
        SafeTensorsFile read = SafeTensors.read(file);
        assertThat(read.tensors()).isEmpty();
        assertThat(read.metadata()).isEmpty();
    }

    @Test
    void writtenValuesAreACopyAndReadTensorsAreIndependent(@TempDir Path dir) throws IOException {
        Tensor t = Tensor.of(new float[] {1, 2, 3}, 3);
        Path file = dir.resolve("copy.safetensors");
        SafeTensors.write(file, Map.of("t", t));
        t.set(0, 99f);
        assertThat(SafeTensors.read(file).tensor("t").data()).containsExactly(1f, 2f, 3f);
    }

    @Test
    void writingRefusesTheReservedNameAndNulls(@TempDir Path dir) {
        Path file = dir.resolve("bad.safetensors");
        assertThatThrownBy(() -> SafeTensors.write(file, Map.of("__metadata__", Tensor.scalar(1f))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserves that key");
        Map<String, Tensor> withNull = new LinkedHashMap<>();
        withNull.put("x", null);
        assertThatThrownBy(() -> SafeTensors.write(file, withNull))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x -> null");
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("k", null);
        assertThatThrownBy(() -> SafeTensors.write(file, Map.of(), nullValue))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k -> null");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void aMissingTensorIsNamedWithTheOnesPresent(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("one.safetensors");
        SafeTensors.write(file, Map.of("present", Tensor.scalar(1f)));
        assertThatThrownBy(() -> SafeTensors.read(file).tensor("absent"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no tensor named 'absent'; the file holds [present]");
    }
}
