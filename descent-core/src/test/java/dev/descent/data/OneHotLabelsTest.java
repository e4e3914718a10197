package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class OneHotLabelsTest {
    @Test
    void encodesEachLabelAsARowWithASingleOne() {
        Tensor targets = new OneHotLabels(3).encode(new int[] {2, 0, 1, 2});

        assertThat(targets.shape().dims()).containsExactly(4, 3);
        assertThat(targets.data()).containsExactly(
                0, 0, 1,
                1, 0, 0,
                0, 1, 0,
                0, 0, 1);
    }

    @Test
    void widthComesFromTheDeclaredClassesNotTheLabelsSeen() {
        // Only classes 0 and 1 occur in this training split of a 4-class data set.
        Dataset train = new Dataset("few", Tensor.zeros(3, 1), new int[] {0, 1, 0}, 4);

        OneHotLabels oneHot = OneHotLabels.fit(train);

        assertThat(oneHot.classes()).isEqualTo(4);
        assertThat(oneHot.encode(train).shape().dims()).containsExactly(3, 4);
    }

    @Property(tries = 100)
    void decodingUndoesEncoding(@ForAll @Size(max = 30) int[] raw, @ForAll @IntRange(min = 1, max = 9) int classes) {
        int[] labels = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            labels[i] = Math.floorMod(raw[i], classes);
        }
        OneHotLabels oneHot = new OneHotLabels(classes);

        assertThat(oneHot.decode(oneHot.encode(labels))).containsExactly(labels);
    }

    @Test
    void encodeIntoOverwritesAReusedBuffer() {
        OneHotLabels oneHot = new OneHotLabels(2);
        Tensor buffer = Tensor.filled(7, 2, 2);

        oneHot.encodeInto(new int[] {1, 0}, buffer);

        assertThat(buffer.data()).containsExactly(0, 1, 1, 0);
    }

    @Test
    void decodePicksTheLargestScoreAndTheFirstOnTies() {
        Tensor scores = Tensor.of(new float[] {0.1f, 0.7f, 0.2f, 0.5f, 0.5f, -1f}, 2, 3);

        assertThat(new OneHotLabels(3).decode(scores)).containsExactly(1, 0);
    }

    @Test
    void mismatchesAreNamed() {
        OneHotLabels oneHot = new OneHotLabels(3);

        assertThatThrownBy(() -> new OneHotLabels(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("one-hot labels: classes must be at least 1, got 0");
        assertThatThrownBy(() -> oneHot.encode(new Dataset("pairs", Tensor.zeros(2, 1), new int[] {0, 1}, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("one-hot labels for 3 classes cannot encode dataset 'pairs' with 2 classes");
        assertThatThrownBy(() -> oneHot.encode(new int[] {0, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("one-hot labels: label at index 1 is 3, outside [0, 3)");
        assertThatThrownBy(() -> oneHot.encodeInto(new int[] {0}, Tensor.zeros(1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must have shape [1, 3]");
        assertThatThrownBy(() -> oneHot.decode(Tensor.zeros(2, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[n, 3], not [2, 4]");
    }
}
