package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.Tensor;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {
    /** Example i has feature value i, so rows can be traced through a split. */
    private static Dataset traceable(int... labels) {
        float[] ids = new float[labels.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        int classes = Arrays.stream(labels).max().orElse(0) + 1;
        return new Dataset("traceable", Tensor.wrap(ids, labels.length, 1), labels, classes);
    }

    private static int[] ids(Dataset dataset) {
        return IntStream.range(0, dataset.size()).map(i -> (int) dataset.features().get(i)).toArray();
    }

    @Test
    void eachClassContributesItsRoundedShare() {
        Dataset digits = BuiltInDatasets.digits();

        HoldOutSplit split = Splits.holdOut(digits, 0.2, 7);

        int[] counts = digits.classCounts();
        int[] heldOut = split.heldOut().classCounts();
        int[] train = split.train().classCounts();
        for (int c = 0; c < counts.length; c++) {
            assertThat(heldOut[c]).as("class %d", c).isEqualTo(Math.round(0.2 * counts[c]));
            assertThat(train[c] + heldOut[c]).isEqualTo(counts[c]);
        }
        assertThat(split.train().name()).isEqualTo("digits/train");
        assertThat(split.heldOut().name()).isEqualTo("digits/held-out");
        assertThat(split.heldOut().classNames()).isEqualTo(digits.classNames());
    }

    @Test
    void partsAreDisjointCoverEverythingAndKeepTheOriginalOrder() {
        Dataset data = traceable(0, 1, 0, 1, 0, 1, 0, 1, 2, 2, 2, 2, 2, 0, 1);

        HoldOutSplit split = Splits.holdOut(data, 0.4, 3);

        int[] train = ids(split.train());
        int[] heldOut = ids(split.heldOut());
        assertThat(train).isSorted();
        assertThat(heldOut).isSorted();
        int[] all = IntStream.concat(IntStream.of(train), IntStream.of(heldOut)).sorted().toArray();
        assertThat(all).containsExactly(IntStream.range(0, data.size()).toArray());
        for (int i = 0; i < heldOut.length; i++) {
            assertThat(split.heldOut().label(i)).isEqualTo(data.label(heldOut[i]));
        }
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Dataset digits = BuiltInDatasets.digits();

        HoldOutSplit first = Splits.holdOut(digits, 0.25, 42);
        HoldOutSplit again = Splits.holdOut(digits, 0.25, 42);
        HoldOutSplit other = Splits.holdOut(digits, 0.25, 43);

        assertThat(again.heldOut().features().data()).isEqualTo(first.heldOut().features().data());
        assertThat(again.train().labels()).isEqualTo(first.train().labels());
        assertThat(other.heldOut().features().data()).isNotEqualTo(first.heldOut().features().data());
    }

    @Test
    void smallClassesStillAppearOnBothSides() {
        Dataset data = traceable(0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2);

        HoldOutSplit split = Splits.holdOut(data, 0.1, 1);

        // round(0.1·2) = 0 → at least 1; round(0.1·10) = 1; a lone example stays in training.
        assertThat(split.heldOut().classCounts()).containsExactly(1, 1, 0);
        assertThat(split.train().classCounts()).containsExactly(1, 9, 1);
    }

    @Test
    void largeFractionsLeaveOneOfEachClassForTraining() {
        HoldOutSplit split = Splits.holdOut(traceable(0, 0, 1, 1, 1), 0.9, 1);

        assertThat(split.train().classCounts()).containsExactly(1, 1);
        assertThat(split.heldOut().classCounts()).containsExactly(1, 2);
    }

    @Test
    void splittingTwiceGivesTrainValidationAndTest() {
        Dataset digits = BuiltInDatasets.digits();

        HoldOutSplit test = Splits.holdOut(digits, 0.2, 1);
        HoldOutSplit validation = Splits.holdOut(test.train(), 0.125, 2);

        assertThat(validation.train().size() + validation.heldOut().size() + test.heldOut().size())
                .isEqualTo(digits.size());
    }

    @Test
    void fractionOutsideTheOpenUnitIntervalIsNamed() {
        Dataset data = traceable(0, 1);
        for (double bad : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> Splits.holdOut(data, bad, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("hold-out fraction must be in (0, 1), exclusive, got " + bad);
        }
    }
}
