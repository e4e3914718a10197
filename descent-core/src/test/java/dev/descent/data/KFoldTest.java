package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class KFoldTest {
    /** Example i has feature value i, so rows can be traced through the folds. */
    private static Dataset traceable(int classes, int... labels) {
        float[] ids = new float[labels.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        return new Dataset("traceable", Tensor.wrap(ids, labels.length, 1), labels, classes);
    }

    private static int[] ids(Dataset dataset) {
        return IntStream.range(0, dataset.size()).map(i -> (int) dataset.features().get(i)).toArray();
    }

    @Property(tries = 100)
    void everyExampleIsValidatedOnceAndClassesAreSpreadEvenly(
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 15) Integer> beyondK,
            @ForAll @IntRange(min = 2, max = 6) int k, @ForAll long seed) {
        // Class c has k + beyondK[c] examples, in an order mixed by the seed.
        int[] labels = IntStream.range(0, beyondK.size())
                .flatMap(c -> IntStream.generate(() -> c).limit(k + beyondK.get(c))).toArray();
        new Rng(~seed).shuffle(labels);
        Dataset data = traceable(beyondK.size(), labels);

        List<Fold> folds = KFold.stratified(data, k, seed);

        assertThat(folds).hasSize(k);
        int[] timesValidated = new int[data.size()];
        int[] counts = data.classCounts();
        int smallestFold = Integer.MAX_VALUE;
        int largestFold = 0;
        for (int f = 0; f < k; f++) {
            Fold fold = folds.get(f);
            assertThat(fold.index()).isEqualTo(f);
            assertThat(fold.count()).isEqualTo(k);
            int[] validation = fold.validationIndices();
            int[] train = fold.trainIndices();
            assertThat(validation).isSorted();
            assertThat(train).isSorted();
            assertThat(IntStream.concat(IntStream.of(train), IntStream.of(validation)).sorted().toArray())
                    .as("fold %d: train and validation are disjoint and cover the data set", f)
                    .containsExactly(IntStream.range(0, data.size()).toArray());
            for (int i : validation) {
                timesValidated[i]++;
            }
            int[] foldCounts = fold.validation().classCounts();
            for (int c = 0; c < counts.length; c++) {
                assertThat(foldCounts[c]).as("fold %d, class %d of %d examples", f, c, counts[c])
                        .isBetween(counts[c] / k, (counts[c] + k - 1) / k);
            }
            smallestFold = Math.min(smallestFold, validation.length);
            largestFold = Math.max(largestFold, validation.length);
        }
        assertThat(timesValidated).containsOnly(1);
        assertThat(largestFold - smallestFold).isLessThanOrEqualTo(1);
    }

    @Test
    void foldDataSetsHoldTheIndexedRowsUnderFoldNames() {
        Dataset data = traceable(2, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1);

        Fold fold = KFold.stratified(data, 5, 3).get(2);

        assertThat(ids(fold.validation())).containsExactly(fold.validationIndices());
        assertThat(ids(fold.train())).containsExactly(fold.trainIndices());
        assertThat(fold.validation().classCounts()).containsExactly(1, 1);
        assertThat(fold.train().name()).isEqualTo("traceable/fold-2/train");
        assertThat(fold.validation().name()).isEqualTo("traceable/fold-2/validation");
    }

    @Test
    void sameSeedSameFoldsOtherSeedOtherFolds() {
        Dataset digits = SyntheticData.gaussianBlobs(200, 4, 2, 1, 0);

        List<Fold> first = KFold.stratified(digits, 5, 42);
        List<Fold> again = KFold.stratified(digits, 5, 42);
        List<Fold> other = KFold.stratified(digits, 5, 43);

        boolean anyDifferent = false;
        for (int f = 0; f < 5; f++) {
            assertThat(again.get(f).validationIndices()).containsExactly(first.get(f).validationIndices());
            anyDifferent |= !Arrays.equals(other.get(f).validationIndices(), first.get(f).validationIndices());
        }
        assertThat(anyDifferent).isTrue();
    }

    @Test
    void classesWithoutExamplesDoNotLimitK() {
        Dataset data = traceable(3, 0, 0, 0, 2, 2, 2);

        assertThat(KFold.stratified(data, 3, 1)).hasSize(3);
    }

    @Test
    void invalidKIsNamedWithItsLimit() {
        Dataset data = new Dataset("pets", Tensor.zeros(7, 1), new int[] {0, 0, 0, 0, 1, 1, 1}, 2,
                List.of("cat", "dog"));

        assertThatThrownBy(() -> KFold.stratified(data, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stratified k-fold of dataset 'pets': k must be at least 2 (one fold to train on,"
                        + " one to validate), got 1");
        assertThatThrownBy(() -> KFold.stratified(data, 8, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stratified k-fold of dataset 'pets': k must be at most the number of examples, 7,"
                        + " so that no validation fold is empty, got 8");
        assertThatThrownBy(() -> KFold.stratified(data, 4, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stratified k-fold of dataset 'pets': k must be at most the size of the smallest class,"
                        + " 3 (class 'dog'), so that every class appears in every validation fold, got 4");
    }
}
