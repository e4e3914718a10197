package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Splits#testThenValidation} for both kinds of targets, and {@link Splits.Parts#standardized()}. */
class SplitsRunTest {

    /** Row i has feature 0 equal to i (exact in float), so rows can be traced through a split. */
    private static RegressionDataset traceable(int n, int features, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * features];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i * features] = i;
            for (int j = 1; j < features; j++) {
                x[i * features + j] = (float) (3 * j + (j + 1) * rng.nextGaussian());
            }
            y[i] = 10_000 + i; // traces the row too
        }
        return new RegressionDataset("traced", Tensor.wrap(x, n, features), Tensor.wrap(y, n), List.of());
    }

    private static int[] ids(Examples part) {
        int d = part.featureCount();
        float[] x = part.features().data();
        return IntStream.range(0, part.size()).map(i -> (int) x[i * d]).toArray();
    }

    // ------------------------------------------------------------------ class labels

    @ParameterizedTest
    @CsvSource({"0.2, 0.2, 7", "0.1, 0.3, 11", "0.25, 0.15, 0"})
    void onClassLabelsItIsTwoStratifiedHoldOutsWithSeedAndSeedPlusOne(double validation, double test, long seed) {
        Dataset iris = BuiltInDatasets.iris();

        Splits.Parts<Dataset> parts = Splits.testThenValidation(iris, validation, test, seed);

        HoldOutSplit first = Splits.holdOut(iris, test, seed);
        HoldOutSplit second = Splits.holdOut(first.train(), validation, seed + 1);
        assertSameRows(parts.train(), second.train());
        assertSameRows(parts.validation(), second.heldOut());
        assertSameRows(parts.test(), first.heldOut());
        assertThat(parts.train().size() + parts.validation().size() + parts.test().size()).isEqualTo(iris.size());
    }

    private static void assertSameRows(Dataset actual, Dataset expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.features().shape()).isEqualTo(expected.features().shape());
        assertThat(actual.features().data()).containsExactly(expected.features().data());
        assertThat(actual.labels()).containsExactly(expected.labels());
        assertThat(actual.classes()).isEqualTo(expected.classes());
    }

    // ------------------------------------------------------------------ regression targets

    @ParameterizedTest
    @CsvSource({"100, 0.25, 0.2", "10, 0.1, 0.15", "37, 0.3, 0.1", "7, 0.2, 0.2", "1000, 0.1, 0.1"})
    void onRegressionTargetsThePartSizesAreTheRoundedShares(int n, double validation, double test) {
        RegressionDataset data = traceable(n, 3, n);

        Splits.Parts<RegressionDataset> parts = Splits.testThenValidation(data, validation, test, 5);

        int testCount = (int) Math.max(1, Math.round(test * n));
        int validationCount = (int) Math.max(1, Math.round(validation * (n - testCount)));
        assertThat(parts.test().size()).isEqualTo(testCount);
        assertThat(parts.validation().size()).isEqualTo(validationCount);
        assertThat(parts.train().size()).isEqualTo(n - testCount - validationCount);
    }

    @Test
    void regressionPartsAreDisjointCoverEveryRowAndKeepTargetsWithTheirRows() {
        int n = 53;
        RegressionDataset data = traceable(n, 2, 1);

        Splits.Parts<RegressionDataset> parts = Splits.testThenValidation(data, 0.2, 0.2, 42);

        Set<Integer> seen = new HashSet<>();
        for (RegressionDataset part : List.of(parts.train(), parts.validation(), parts.test())) {
            int[] ids = ids(part);
            for (int i = 0; i < ids.length; i++) {
                assertThat(seen.add(ids[i])).as("row %d appears in two parts", ids[i]).isTrue();
                assertThat(part.target(i)).isEqualTo(10_000f + ids[i]);
                int row = ids[i];
                for (int j = 0; j < 2; j++) {
                    assertThat(part.features().get(i, j)).isEqualTo(data.features().get(row, j));
                }
            }
            assertThat(part.targetCount()).isEqualTo(1);
            assertThat(part.featureCount()).isEqualTo(2);
        }
        assertThat(seen).hasSize(n).containsAll(IntStream.range(0, n).boxed().toList());
    }

    @Test
    void multipleTargetsStayWithTheirRows() {
        int n = 20;
        float[] x = new float[n];
        float[] y = new float[2 * n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[2 * i] = -i;
            y[2 * i + 1] = 100 + i;
        }
        RegressionDataset data = new RegressionDataset("two-targets", Tensor.wrap(x, n, 1), Tensor.wrap(y, n, 2),
                List.of());

        Splits.Parts<RegressionDataset> parts = Splits.testThenValidation(data, 0.3, 0.3, 3);

        for (RegressionDataset part : List.of(parts.train(), parts.validation(), parts.test())) {
            assertThat(part.targetCount()).isEqualTo(2);
            int[] ids = ids(part);
            for (int i = 0; i < ids.length; i++) {
                assertThat(part.targets().get(i, 0)).isEqualTo((float) -ids[i]);
                assertThat(part.targets().get(i, 1)).isEqualTo(100f + ids[i]);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSamePartsAndAnotherSeedOtherParts() {
        RegressionDataset data = traceable(60, 2, 2);

        Splits.Parts<RegressionDataset> a = Splits.testThenValidation(data, 0.2, 0.2, 9);
        Splits.Parts<RegressionDataset> b = Splits.testThenValidation(data, 0.2, 0.2, 9);
        Splits.Parts<RegressionDataset> c = Splits.testThenValidation(data, 0.2, 0.2, 10);

        assertThat(ids(a.train())).containsExactly(ids(b.train()));
        assertThat(ids(a.validation())).containsExactly(ids(b.validation()));
        assertThat(ids(a.test())).containsExactly(ids(b.test()));
        assertThat(a.train().features().data()).containsExactly(b.train().features().data());
        assertThat(a.test().targets().data()).containsExactly(b.test().targets().data());
        // with 12 test rows out of 60, two seeds agreeing on the test set (as a set) is a ~1e-12 event
        assertThat(Set.copyOf(IntStream.of(ids(a.test())).boxed().toList()))
                .isNotEqualTo(Set.copyOf(IntStream.of(ids(c.test())).boxed().toList()));
        assertThat(ids(a.validation())).isNotEqualTo(ids(c.validation()));
    }

    @Test
    void threeRowsGiveOneRowToEachPart() {
        RegressionDataset data = traceable(3, 1, 3);
        for (long seed = 0; seed < 5; seed++) {
            Splits.Parts<RegressionDataset> parts = Splits.testThenValidation(data, 0.2, 0.2, seed);
            assertThat(parts.train().size()).isEqualTo(1);
            assertThat(parts.validation().size()).isEqualTo(1);
            assertThat(parts.test().size()).isEqualTo(1);
            assertThat(IntStream.concat(IntStream.concat(IntStream.of(ids(parts.train())),
                    IntStream.of(ids(parts.validation()))), IntStream.of(ids(parts.test()))).sorted().toArray())
                    .containsExactly(0, 1, 2);
        }
        // even large fractions leave a row for training
        Splits.Parts<RegressionDataset> greedy = Splits.testThenValidation(data, 0.9, 0.9, 1);
        assertThat(greedy.train().size()).isEqualTo(1);
        assertThat(greedy.validation().size()).isEqualTo(1);
        assertThat(greedy.test().size()).isEqualTo(1);
    }

    @Test
    void twoRowsAreRefused() {
        RegressionDataset data = traceable(2, 1, 4);
        assertThatThrownBy(() -> Splits.testThenValidation(data, 0.2, 0.2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("traced").hasMessageContaining("2 examples").hasMessageContaining("at least 3");
    }

    @Test
    void fractionsOutsideTheOpenUnitIntervalAreRefused() {
        RegressionDataset data = traceable(10, 1, 4);
        assertThatThrownBy(() -> Splits.testThenValidation(data, 0, 0.2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validationFraction");
        assertThatThrownBy(() -> Splits.testThenValidation(data, 0.2, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("testFraction");
        assertThatThrownBy(() -> Splits.testThenValidation(BuiltInDatasets.iris(), 0.2, Double.NaN, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("testFraction");
    }

    // ------------------------------------------------------------------ standardisation

    @Test
    void standardizedFitsOnTheTrainingPartOnlyForRegression() {
        RegressionDataset data = traceable(200, 4, 5);
        Splits.Parts<RegressionDataset> parts = Splits.testThenValidation(data, 0.2, 0.2, 8);

        Splits.Standardized<RegressionDataset> standardized = parts.standardized();

        double[][] stats = populationStats(parts.train().features());
        assertThat(standardized.scaling().means()).containsExactly(stats[0], within(1e-9));
        assertThat(standardized.scaling().stds()).containsExactly(stats[1], within(1e-9));
        double[][] trainStats = populationStats(standardized.parts().train().features());
        for (int j = 0; j < 4; j++) {
            assertThat(trainStats[0][j]).as("train mean of column %d", j).isCloseTo(0, within(1e-5));
            assertThat(trainStats[1][j]).as("train std of column %d", j).isCloseTo(1, within(1e-5));
        }
        // the statistics of the whole set differ from the training part's, so a fit on the whole would show
        double[][] allStats = populationStats(data.features());
        assertThat(Math.abs(allStats[0][0] - stats[0][0])).isGreaterThan(1e-3);
        assertTransformedWith(parts.validation().features(), standardized.parts().validation().features(), stats);
        assertTransformedWith(parts.test().features(), standardized.parts().test().features(), stats);
        assertTransformedWith(parts.train().features(), standardized.parts().train().features(), stats);
        // targets and sizes are untouched, and the unstandardised parts are not modified
        assertThat(standardized.parts().validation().targets().data())
                .containsExactly(parts.validation().targets().data());
        assertThat(standardized.parts().test().size()).isEqualTo(parts.test().size());
        float[] copy = parts.validation().features().data().clone();
        parts.standardized();
        assertThat(parts.validation().features().data()).containsExactly(copy);
    }

    @Test
    void standardizedFitsOnTheTrainingPartOnlyForClassLabels() {
        Dataset iris = BuiltInDatasets.iris();
        Splits.Parts<Dataset> parts = Splits.testThenValidation(iris, 0.2, 0.2, 4);

        Splits.Standardized<Dataset> standardized = parts.standardized();

        double[][] stats = populationStats(parts.train().features());
        assertThat(standardized.scaling().means()).containsExactly(stats[0], within(1e-9));
        assertThat(standardized.scaling().stds()).containsExactly(stats[1], within(1e-9));
        double[][] trainStats = populationStats(standardized.parts().train().features());
        for (int j = 0; j < iris.featureCount(); j++) {
            assertThat(trainStats[0][j]).isCloseTo(0, within(1e-5));
            assertThat(trainStats[1][j]).isCloseTo(1, within(1e-5));
        }
        assertTransformedWith(parts.validation().features(), standardized.parts().validation().features(), stats);
        assertTransformedWith(parts.test().features(), standardized.parts().test().features(), stats);
        assertThat(standardized.parts().test().labels()).containsExactly(parts.test().labels());
        assertThat(standardized.parts().validation().labels()).containsExactly(parts.validation().labels());
    }

    /** {means, population stds} per column, in double. */
    private static double[][] populationStats(Tensor features) {
        int n = features.dim(0);
        int d = features.dim(1);
        double[] means = new double[d];
        double[] stds = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                means[j] += features.get(i, j);
            }
        }
        for (int j = 0; j < d; j++) {
            means[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double dev = features.get(i, j) - means[j];
                stds[j] += dev * dev;
            }
        }
        for (int j = 0; j < d; j++) {
            stds[j] = Math.sqrt(stds[j] / n);
        }
        return new double[][] {means, stds};
    }

    private static void assertTransformedWith(Tensor original, Tensor transformed, double[][] stats) {
        assertThat(transformed.shape()).isEqualTo(original.shape());
        int d = original.dim(1);
        for (int i = 0; i < original.dim(0); i++) {
            for (int j = 0; j < d; j++) {
                double expected = (original.get(i, j) - stats[0][j]) / stats[1][j];
                assertThat((double) transformed.get(i, j)).as("row %d column %d", i, j)
                        .isCloseTo(expected, within(1e-5 * Math.max(1, Math.abs(expected))));
            }
        }
    }
}
