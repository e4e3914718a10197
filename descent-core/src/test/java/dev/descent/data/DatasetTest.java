package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {
    /** Row i holds (i, 10·i). */
    private static Dataset fourExamples() {
        Tensor features = Tensor.of(new float[] {0, 0, 1, 10, 2, 20, 3, 30}, 4, 2);
        return new Dataset("tiny", features, new int[] {0, 1, 1, 2}, 3, List.of("a", "b", "c"));
    }

    @Test
    void reportsItsShape() {
        Dataset data = fourExamples();

        assertThat(data.size()).isEqualTo(4);
        assertThat(data.featureCount()).isEqualTo(2);
        assertThat(data.classes()).isEqualTo(3);
        assertThat(data.className(2)).isEqualTo("c");
        assertThat(data).hasToString("Dataset[tiny: 4 × 2, 3 classes [a, b, c]]");
    }

    @Test
    void countsClasses() {
        assertThat(fourExamples().classCounts()).containsExactly(1, 2, 1);
    }

    @Test
    void labelsAreCopiedInAndOut() {
        int[] labels = {0, 1};
        Dataset data = new Dataset("copy", Tensor.zeros(2, 1), labels, 2);
        labels[0] = 1;
        data.labels()[1] = 0;

        assertThat(data.labels()).containsExactly(0, 1);
    }

    @Test
    void subsetCopiesRowsInTheGivenOrder() {
        Dataset data = fourExamples();

        Dataset subset = data.subset(new int[] {3, 1, 3});

        assertThat(subset.features().data()).containsExactly(3, 30, 1, 10, 3, 30);
        assertThat(subset.labels()).containsExactly(2, 1, 2);
        assertThat(subset.classes()).isEqualTo(3);
        assertThat(subset.classNames()).containsExactly("a", "b", "c");
        subset.features().set(0, 99f);
        assertThat(data.features().get(3, 0)).isEqualTo(3f);
    }

    @Test
    void subsetNamesTheBadIndex() {
        assertThatThrownBy(() -> fourExamples().subset(new int[] {0, 4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tiny'")
                .hasMessageContaining("position 1 is 4, outside [0, 4)");
    }

    @Test
    void emptySubsetIsAllowed() {
        Dataset empty = fourExamples().subset(new int[0]);

        assertThat(empty.size()).isZero();
        assertThat(empty.featureCount()).isEqualTo(2);
        assertThat(empty.classCounts()).containsExactly(0, 0, 0);
    }

    @Test
    void labelOutOfRangeIsNamedByIndexAndValue() {
        assertThatThrownBy(() -> new Dataset("bad", Tensor.zeros(3, 2), new int[] {0, 1, 3}, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataset 'bad': label at index 2 is 3, outside [0, 3) for 3 classes");
        assertThatThrownBy(() -> new Dataset("bad", Tensor.zeros(1, 2), new int[] {-1}, 3))
                .hasMessageContaining("label at index 0 is -1");
    }

    @Test
    void lengthsMustAgree() {
        assertThatThrownBy(() -> new Dataset("bad", Tensor.zeros(3, 2), new int[] {0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 feature rows but 2 labels");
    }

    @Test
    void featuresMustBeAMatrix() {
        assertThatThrownBy(() -> new Dataset("bad", Tensor.zeros(3), new int[] {0, 1, 0}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[n, d] matrix, not shape [3]");
    }

    @Test
    void classNamesMustMatchClasses() {
        assertThatThrownBy(() -> new Dataset("bad", Tensor.zeros(1, 1), new int[] {0}, 2, List.of("only")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 class names for 2 classes");
    }

    @Test
    void classesMustBePositive() {
        assertThatThrownBy(() -> new Dataset("bad", Tensor.zeros(0, 1), new int[0], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("classes must be at least 1, got 0");
    }

    @Test
    void dataExceptionNeedsAMessage() {
        assertThatThrownBy(() -> new DataException(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
