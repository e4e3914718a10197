package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.tensor.Tensor;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class StandardizationTest {
    private static Dataset dataset(String name, float[] values, int columns) {
        int rows = values.length / columns;
        return new Dataset(name, Tensor.wrap(values, rows, columns), new int[rows], 1);
    }

    @Test
    void usesTheTrainingStatisticsOnlyWhenAppliedToTest() {
        // Train column 0 is {0, 2}: mean 1, population std 1. Test column 0 is {10, 20}: had
        // the test split been used, its mean 15 and std 5 would map it to {−1, 1}.
        Dataset train = dataset("toy/train", new float[] {0, 5, 2, 5}, 2);
        Dataset test = dataset("toy/test", new float[] {10, 4, 20, 8}, 2);

        Standardization.Fitted fitted = new Standardization().fit(train);
        Dataset standardizedTest = fitted.apply(test);

        assertThat(fitted.means()).containsExactly(1, 5);
        assertThat(fitted.stds()).containsExactly(1, 1); // column 1 is constant: std 1, not 0
        assertThat(standardizedTest.features().data()).containsExactly(9, -1, 19, 3);
        assertThat(test.features().data()).containsExactly(10, 4, 20, 8);
        assertThat(standardizedTest.name()).isEqualTo("toy/test");
    }

    @Test
    void standardizedTrainingColumnsHaveMeanZeroAndStdOne() {
        Dataset blobs = SyntheticData.gaussianBlobs(500, 3, 4, 2.5, 8);
        HoldOutSplit split = Splits.holdOut(blobs, 0.3, 1);

        Dataset train = new Standardization().fit(split.train()).apply(split.train());

        for (int j = 0; j < train.featureCount(); j++) {
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < train.size(); i++) {
                sum += train.features().get(i, j);
            }
            double mean = sum / train.size();
            for (int i = 0; i < train.size(); i++) {
                double deviation = train.features().get(i, j) - mean;
                squares += deviation * deviation;
            }
            assertThat(mean).as("mean of column %d", j).isCloseTo(0, within(1e-5));
            assertThat(Math.sqrt(squares / train.size())).as("population std of column %d", j)
                    .isCloseTo(1, within(1e-5));
        }
        assertThat(train.labels()).isEqualTo(split.train().labels());
    }

    @Test
    void theStdIsThePopulationOne() {
        // {1, 2, 3, 4}: population std √1.25, sample std √(5/3).
        Standardization.Fitted fitted = new Standardization().fit(dataset("four", new float[] {1, 2, 3, 4}, 1));

        assertThat(fitted.stds()[0]).isCloseTo(Math.sqrt(1.25), within(1e-12));
    }

    @Test
    void aConstantColumnIsOnlyCentred() {
        Standardization.Fitted fitted = new Standardization().fit(dataset("flat", new float[] {3, 3, 3}, 1));

        assertThat(fitted.stds()).containsExactly(1);
        assertThat(fitted.apply(Tensor.of(new float[] {3, 4.5f}, 2, 1)).data()).containsExactly(0, 1.5f);
    }

    @Test
    void savedParametersRestoreTheSameTransform() {
        Dataset data = SyntheticData.gaussianBlobs(60, 2, 3, 1, 4);
        Standardization.Fitted fitted = new Standardization().fit(data);

        Standardization.Fitted restored = Standardization.Fitted.of(fitted.means(), fitted.stds());

        assertThat(restored.apply(data).features().data()).isEqualTo(fitted.apply(data).features().data());
        assertThat(restored.featureCount()).isEqualTo(3);
    }

    @Test
    void parametersAreCopiesThatCallersCannotChange() {
        Standardization.Fitted fitted = new Standardization().fit(dataset("two", new float[] {1, 3}, 1));

        fitted.means()[0] = 100;
        fitted.stds()[0] = 100;

        assertThat(fitted.means()).containsExactly(2);
        assertThat(fitted.stds()).containsExactly(1);
    }

    @Property(tries = 50)
    void invertingUndoesApplying(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
        Dataset data = SyntheticData.gaussianBlobs(Math.max(n, 2), 2, 3, 3, seed);
        Standardization.Fitted fitted = new Standardization().fit(data);

        Tensor roundTrip = fitted.apply(data.features());
        fitted.invertInPlace(roundTrip);

        float[] original = data.features().data();
        for (int i = 0; i < original.length; i++) {
            assertThat(roundTrip.get(i)).isCloseTo(original[i], within(1e-4f * (1 + Math.abs(original[i]))));
        }
    }

    @Test
    void applyingInPlaceMatchesApplyingToACopy() {
        Dataset data = SyntheticData.twoMoons(30, 0.1, 2);
        Standardization.Fitted fitted = new Standardization().fit(data);
        Tensor buffer = data.features().copy();

        fitted.applyInPlace(buffer);

        assertThat(buffer.data()).isEqualTo(fitted.apply(data).features().data());
    }

    @Test
    void anotherFeatureCountIsRefusedNamingBothCounts() {
        Standardization.Fitted fitted = new Standardization().fit(dataset("wide", new float[] {1, 2, 3, 4}, 2));

        assertThatThrownBy(() -> fitted.apply(dataset("narrow", new float[] {1, 2, 3}, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("standardization fitted on 2 features cannot be applied to dataset 'narrow' with 3 features");
        assertThatThrownBy(() -> fitted.applyInPlace(Tensor.zeros(4, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("standardization fitted on 2 features cannot be applied to a [4, 1] tensor with 1 feature");
    }

    @Test
    void nanInTheTrainingDataIsNamedByRowAndColumn() {
        Dataset bad = dataset("holes", new float[] {1, 2, 3, Float.NaN, 5, 6}, 2);

        assertThatThrownBy(() -> new Standardization().fit(bad))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("standardization: cannot fit on dataset 'holes': the value at row 1, column 1"
                        + " is NaN");
        assertThatThrownBy(() -> new Standardization().fit(dataset("inf", new float[] {Float.NEGATIVE_INFINITY}, 1)))
                .isInstanceOf(DataException.class).hasMessageContaining("row 0, column 0 is -Infinity");
    }

    @Test
    void emptyOrMisshapenTrainingDataIsRefused() {
        assertThatThrownBy(() -> new Standardization().fit(Tensor.zeros(0, 3), "nothing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("standardization: cannot fit on nothing: it has no rows");
        assertThatThrownBy(() -> new Standardization().fit(Tensor.zeros(6), "a vector"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a [n, d] matrix");
    }

    @Test
    void badSavedParametersAreNamed() {
        assertThatThrownBy(() -> Standardization.Fitted.of(new double[] {0, 1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("standardization: 2 means but 1 stds; give one of each per feature");
        assertThatThrownBy(() -> Standardization.Fitted.of(new double[] {0}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stds must be > 0, got 0.0");
        assertThatThrownBy(() -> Standardization.Fitted.of(new double[] {Double.NaN}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature 0 has means NaN");
    }

    @Test
    void regressionDataSetsAreFittedOnFeaturesAndKeepTheirTargets() {
        RegressionDataset train = new RegressionDataset("reg/train", Tensor.of(new float[] {0, 2}, 2, 1),
                Tensor.of(new float[] {10, 30}, 2), List.of("x"));
        RegressionDataset test = new RegressionDataset("reg/test", Tensor.of(new float[] {4}, 1, 1),
                Tensor.of(new float[] {50}, 1), List.of("x"));

        Standardization.Fitted fitted = new Standardization().fit(train);
        RegressionDataset standardized = fitted.apply(test);

        assertThat(fitted.means()).containsExactly(1);
        assertThat(standardized.features().data()).containsExactly(3);
        assertThat(standardized.targets().data()).containsExactly(50);
        assertThat(standardized.featureNames()).containsExactly("x");
        assertThat(test.features().data()).containsExactly(4);
        assertThatThrownBy(() -> fitted.apply(new RegressionDataset("wide", Tensor.zeros(1, 2), Tensor.zeros(1),
                List.of()))).hasMessage("standardization fitted on 1 feature cannot be applied to dataset 'wide'"
                        + " with 2 features");
    }
}
