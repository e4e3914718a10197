package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.Tensor;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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

    @Test
    void trainValidationTestPartsAreDisjointCompleteAndInOrder() {
        Dataset data = traceable(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 0, 0, 1, 1, 2, 2, 2, 2);

        Splits.TrainValidationTest split = Splits.trainValidationTest(data, 0.25, 0.25, 5);

        int[] train = ids(split.train());
        int[] validation = ids(split.validation());
        int[] test = ids(split.test());
        assertThat(train).isSorted();
        assertThat(validation).isSorted();
        assertThat(test).isSorted();
        int[] all = Stream.of(train, validation, test).flatMapToInt(IntStream::of).sorted().toArray();
        assertThat(all).containsExactly(IntStream.range(0, data.size()).toArray());
        for (int i = 0; i < test.length; i++) {
            assertThat(split.test().label(i)).isEqualTo(data.label(test[i]));
        }
        assertThat(split.train().name()).isEqualTo("traceable/train");
        assertThat(split.validation().name()).isEqualTo("traceable/validation");
        assertThat(split.test().name()).isEqualTo("traceable/test");
    }

    @Test
    void trainValidationTestKeepsEachClassProportion() {
        Dataset digits = BuiltInDatasets.digits();

        Splits.TrainValidationTest split = Splits.trainValidationTest(digits, 0.15, 0.2, 3);

        int[] counts = digits.classCounts();
        int[] train = split.train().classCounts();
        int[] validation = split.validation().classCounts();
        int[] test = split.test().classCounts();
        for (int c = 0; c < counts.length; c++) {
            assertThat(test[c]).as("test, class %d", c).isEqualTo(Math.round(0.2 * counts[c]));
            assertThat(validation[c]).as("validation, class %d", c).isEqualTo(Math.round(0.15 * counts[c]));
            assertThat(train[c] + validation[c] + test[c]).isEqualTo(counts[c]);
        }
    }

    @Test
    void trainValidationTestIsDeterministicPerSeed() {
        Dataset blobs = SyntheticData.gaussianBlobs(300, 3, 2, 1, 6);

        Splits.TrainValidationTest first = Splits.trainValidationTest(blobs, 0.2, 0.2, 42);
        Splits.TrainValidationTest again = Splits.trainValidationTest(blobs, 0.2, 0.2, 42);
        Splits.TrainValidationTest other = Splits.trainValidationTest(blobs, 0.2, 0.2, 43);

        assertThat(again.validation().features().data()).isEqualTo(first.validation().features().data());
        assertThat(again.test().features().data()).isEqualTo(first.test().features().data());
        assertThat(other.test().features().data()).isNotEqualTo(first.test().features().data());
    }

    @Test
    void trainValidationTestPutsSmallClassesWhereTheyFit() {
        // Class 0 has 3 examples, class 1 has 2, class 2 has 1; large fractions still leave one
        // of class 0 in every part, and training keeps one example of every class.
        Dataset data = traceable(0, 0, 0, 1, 1, 2);

        Splits.TrainValidationTest split = Splits.trainValidationTest(data, 0.3, 0.6, 9);

        assertThat(split.train().classCounts()).containsExactly(1, 1, 1);
        assertThat(split.validation().classCounts()).containsExactly(1, 0, 0);
        assertThat(split.test().classCounts()).containsExactly(1, 1, 0);
    }

    @Test
    void trainValidationTestFractionsAreNamed() {
        Dataset data = traceable(0, 1, 0, 1);
        assertThatThrownBy(() -> Splits.trainValidationTest(data, 0, 0.2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validationFraction must be in (0, 1), exclusive, got 0.0");
        assertThatThrownBy(() -> Splits.trainValidationTest(data, 0.2, Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("testFraction must be in (0, 1), exclusive, got NaN");
        assertThatThrownBy(() -> Splits.trainValidationTest(data, 0.5, 0.5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validationFraction + testFraction must be below 1 so that examples are left to train on,"
                        + " got 0.5 + 0.5 = 1.0");
    }
}
