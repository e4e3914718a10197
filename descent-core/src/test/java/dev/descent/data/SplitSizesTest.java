package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The part sizes computed from counts alone agree with the splits they predict. */
class SplitSizesTest {
    private static Dataset labelled(int classes, int... labels) {
        return new Dataset("labelled", Tensor.zeros(labels.length, 1), labels, classes);
    }

    private static int[] sizes(Splits.Parts<? extends Examples> parts) {
        return new int[] {parts.train().size(), parts.validation().size(), parts.test().size()};
    }

    @Test
    void classSizesAgreeWithTestThenValidation() {
        Rng rng = new Rng(3);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rng.nextInt(30);
            int classes = 1 + rng.nextInt(5);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = rng.nextInt(classes);
            }
            double validation = 0.05 + 0.4 * rng.nextDouble();
            double test = 0.05 + 0.5 * rng.nextDouble();
            Dataset data = labelled(classes, labels);

            assertThat(Splits.testThenValidationSizes(data, validation, test))
                    .as("n %d, classes %d, validation %s, test %s", n, classes, validation, test)
                    .containsExactly(sizes(Splits.testThenValidation(data, validation, test, trial)));
        }
    }

    @Test
    void regressionSizesAgreeWithTestThenValidation() {
        for (int n = 3; n < 40; n++) {
            RegressionDataset data = new RegressionDataset("rows", Tensor.zeros(n, 1), Tensor.zeros(n, 1), List.of());

            assertThat(Splits.testThenValidationSizes(data, 0.1, 0.2)).as("n %d", n)
                    .containsExactly(sizes(Splits.testThenValidation(data, 0.1, 0.2, n)));
        }
    }

    @Test
    void regressionBelowThreeRowsLeavesValidationAndTestEmpty() {
        RegressionDataset two = new RegressionDataset("rows", Tensor.zeros(2, 1), Tensor.zeros(2, 1), List.of());

        assertThat(Splits.testThenValidationSizes(two, 0.1, 0.2)).containsExactly(2, 0, 0);
    }

    @Test
    void threeRowsOfTwoClassesLeaveValidationEmpty() {
        // Class 0 (2 examples) gives one to test, one to training; class 1 (1 example) stays in training.
        assertThat(Splits.testThenValidationSizes(labelled(2, 0, 1, 0), 0.1, 0.2)).containsExactly(2, 0, 1);
        // A class of 3 reaches all three parts.
        assertThat(Splits.testThenValidationSizes(labelled(2, 0, 1, 0, 0), 0.1, 0.2)).containsExactly(2, 1, 1);
    }

    @Test
    void holdOutSizesAgreeWithHoldOut() {
        int[] labels = {0, 0, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3};
        Dataset data = labelled(5, labels);

        HoldOutSplit split = Splits.holdOut(data, 0.3, 1);

        assertThat(Splits.holdOutSizes(labels, 5, 0.3)).containsExactly(split.train().size(), split.heldOut().size());
        assertThat(Splits.holdOutSizes(new int[] {0, 1, 2}, 3, 0.3)).containsExactly(3, 0);
    }
}
