package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinMaxScalingTest {
    private static Dataset dataset(String name, float[] values, int columns) {
        int rows = values.length / columns;
        return new Dataset(name, Tensor.wrap(values, rows, columns), new int[rows], 1);
    }

    @Test
    void usesTheTrainingRangeOnlyAndDoesNotClip() {
        // Train column 0 spans [0, 10]. The test values 15 and −5 would map to 1 and 0 had the
        // test split been used; with the training range they fall outside [0, 1], unclipped.
        Dataset train = dataset("toy/train", new float[] {0, 1, 10, 3, 5, 2}, 2);
        Dataset test = dataset("toy/test", new float[] {15, 2, -5, 1}, 2);

        MinMaxScaling.Fitted fitted = new MinMaxScaling().fit(train);

        assertThat(fitted.mins()).containsExactly(0, 1);
        assertThat(fitted.maxs()).containsExactly(10, 3);
        assertThat(fitted.apply(test).features().data()).containsExactly(1.5f, 0.5f, -0.5f, 0f);
        assertThat(test.features().data()).containsExactly(15, 2, -5, 1);
    }

    @Test
    void trainingColumnsLieInTheUnitIntervalWithBothEndsReached() {
        Dataset blobs = SyntheticData.gaussianBlobs(300, 3, 5, 4, 2);

        Dataset scaled = new MinMaxScaling().fit(blobs).apply(blobs);

        for (int j = 0; j < scaled.featureCount(); j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < scaled.size(); i++) {
                min = Math.min(min, scaled.features().get(i, j));
                max = Math.max(max, scaled.features().get(i, j));
            }
            assertThat(min).as("min of column %d", j).isEqualTo(0);
            assertThat(max).as("max of column %d", j).isEqualTo(1);
        }
    }

    @Test
    void aConstantColumnMapsToZero() {
        MinMaxScaling.Fitted fitted = new MinMaxScaling().fit(dataset("flat", new float[] {7, 7, 7}, 1));

        assertThat(fitted.apply(Tensor.of(new float[] {7, 7}, 2, 1)).data()).containsExactly(0, 0);
        assertThat(fitted.mins()).containsExactly(7);
        assertThat(fitted.maxs()).containsExactly(7);
    }

    @Test
    void savedParametersRestoreTheSameTransformAndInvertingUndoesIt() {
        Dataset data = SyntheticData.twoMoons(50, 0.2, 3);
        MinMaxScaling.Fitted fitted = new MinMaxScaling().fit(data);

        MinMaxScaling.Fitted restored = MinMaxScaling.Fitted.of(fitted.mins(), fitted.maxs());
        Tensor scaled = restored.apply(data.features());
        assertThat(scaled.data()).isEqualTo(fitted.apply(data).features().data());

        restored.invertInPlace(scaled);
        float[] original = data.features().data();
        for (int i = 0; i < original.length; i++) {
            assertThat(scaled.get(i)).isCloseTo(original[i], within(1e-5f));
        }
    }

    @Test
    void errorsNameTheCountsTheCellOrTheParameter() {
        MinMaxScaling.Fitted fitted = new MinMaxScaling().fit(dataset("three", new float[] {1, 2, 3}, 3));

        assertThatThrownBy(() -> fitted.apply(dataset("two", new float[] {1, 2}, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("min-max scaling fitted on 3 features cannot be applied to dataset 'two' with 2 features");
        assertThatThrownBy(() -> new MinMaxScaling().fit(dataset("holes", new float[] {1, 2, Float.NaN, 4}, 2)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("dataset 'holes': the value at row 1, column 0 is NaN");
        assertThatThrownBy(() -> MinMaxScaling.Fitted.of(new double[] {2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("min-max scaling: feature 0 has max 1.0 below its min 2.0");
    }

    @Test
    void regressionDataSetsAreScaledByTheTrainingRange() {
        RegressionDataset train = new RegressionDataset("reg/train", Tensor.of(new float[] {2, 6}, 2, 1),
                Tensor.of(new float[] {1, 2}, 2), List.of());

        MinMaxScaling.Fitted fitted = new MinMaxScaling().fit(train);

        assertThat(fitted.apply(train).features().data()).containsExactly(0, 1);
        assertThat(fitted.apply(train).targets().data()).containsExactly(1, 2);
    }
}
