package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionDatasetTest {
    private static RegressionDataset threeRows() {
        return new RegressionDataset("toy", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2),
                Tensor.of(new float[] {10, 20, 30}, 3), List.of("a", "b"));
    }

    @Test
    void sizesAndAccessors() {
        RegressionDataset dataset = threeRows();

        assertThat(dataset.size()).isEqualTo(3);
        assertThat(dataset.featureCount()).isEqualTo(2);
        assertThat(dataset.targetCount()).isEqualTo(1);
        assertThat(dataset.target(2)).isEqualTo(30f);
        assertThat(dataset.featureNames()).containsExactly("a", "b");
        assertThat(dataset.withName("other").name()).isEqualTo("other");
        assertThat(dataset).hasToString("RegressionDataset[toy: 3 × 2, 1 target]");
    }

    @Test
    void subsetCopiesRowsInOrderWithRepeats() {
        RegressionDataset subset = threeRows().subset(new int[] {2, 0, 2});

        assertThat(subset.features().data()).containsExactly(5, 6, 1, 2, 5, 6);
        assertThat(subset.targets().data()).containsExactly(30, 10, 30);
        assertThat(subset.targets().shape().dims()).containsExactly(3);
        assertThat(subset.featureNames()).containsExactly("a", "b");
        assertThatThrownBy(() -> threeRows().subset(new int[] {3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subset index at position 0 is 3, outside [0, 3)");
    }

    @Test
    void severalTargetsPerExample() {
        RegressionDataset dataset = new RegressionDataset("multi", Tensor.of(new float[] {1, 2}, 2, 1),
                Tensor.of(new float[] {1, -1, 2, -2}, 2, 2), List.of());

        assertThat(dataset.targetCount()).isEqualTo(2);
        assertThat(dataset.subset(new int[] {1}).targets().data()).containsExactly(2, -2);
        assertThat(dataset.subset(new int[] {1}).targets().shape().dims()).containsExactly(1, 2);
        assertThatThrownBy(() -> dataset.target(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 targets per example");
    }

    @Test
    void constructorChecksNameShapesNamesAndFiniteTargets() {
        Tensor features = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> new RegressionDataset(" ", features, Tensor.zeros(2), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-blank name");
        assertThatThrownBy(() -> new RegressionDataset("x", Tensor.zeros(6), Tensor.zeros(2), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features must be a [n, d] matrix");
        assertThatThrownBy(() -> new RegressionDataset("x", features, Tensor.zeros(3), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 feature rows but 3 target rows");
        assertThatThrownBy(() -> new RegressionDataset("x", features, Tensor.zeros(2, 1, 1), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targets must be [n] or [n, k]");
        assertThatThrownBy(() -> new RegressionDataset("x", features, Tensor.zeros(2), List.of("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 feature names for 3 features");
        assertThatThrownBy(() -> new RegressionDataset("x", features, Tensor.of(new float[] {1, Float.NaN}, 2),
                List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target value at flat index 1 is NaN; targets must be finite");
    }
}
