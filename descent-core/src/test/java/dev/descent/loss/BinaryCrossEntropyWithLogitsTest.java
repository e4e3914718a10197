package dev.descent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.autodiff.GradientChecker;
import dev.descent.autodiff.RandomTensors;
import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The logistic loss from logits, with integer labels or real targets. */
class BinaryCrossEntropyWithLogitsTest {
    private static final BinaryCrossEntropyWithLogits LOSS = new BinaryCrossEntropyWithLogits();

    /** The textbook form −t·log σ(z) − (1−t)·log(1 − σ(z)), averaged: fine for moderate z. */
    static double reference(double[] z, double[] t) {
        double total = 0;
        for (int i = 0; i < z.length; i++) {
            double s = 1 / (1 + Math.exp(-z[i]));
            total += -t[i] * Math.log(s) - (1 - t[i]) * Math.log(1 - s);
        }
        return total / z.length;
    }

    @Test
    void handComputedValues() {
        float ln3 = (float) Math.log(3);
        // σ(0) = 1/2 → ln 2 either way; σ(ln 3) = 3/4 → −ln 3/4 for label 1, ln 4 for label 0
        assertThat(value(Tensor.of(new float[] {0, ln3, ln3}, 3), 1, 1, 0))
                .isCloseTo((Math.log(2) + Math.log(4.0 / 3) + Math.log(4)) / 3, within(1e-6));
    }

    private static double value(Tensor logits, int... labels) {
        return LOSS.compute(Tape.noGrad().input(logits), labels).item();
    }

    @Test
    void integerLabelsWithVectorOrColumnLogits() {
        int[] labels = {1, 0, 0, 1, 1, 0};
        double[] targets = {1, 0, 0, 1, 1, 0};
        Rng rng = new Rng(91);
        for (int[] dims : new int[][] {{6}, {6, 1}}) {
            Tensor z = RandomTensors.uniform(rng, -4, 4, dims);
            GradientChecker.standard().verify("BCE(labels)", in -> LOSS.compute(in[0], labels),
                    v -> new double[] {reference(v[0], targets)}, z);
        }
    }

    @Test
    void realValuedTargets() {
        Rng rng = new Rng(92);
        Tensor z = RandomTensors.uniform(rng, -4, 4, 3, 4);
        Tensor t = RandomTensors.uniform(rng, 0, 1, 3, 4);
        GradientChecker.standard().verify("BCE(targets)", in -> LOSS.compute(in[0], t),
                v -> new double[] {reference(v[0], RandomTensors.toDouble(t))}, z);
    }

    @Test
    void logitsOfPlusMinusAHundredStayFinite() {
        Variable z = Variable.parameter(Tensor.of(new float[] {100, -100, 100, -100}, 4));
        Variable value = LOSS.compute(z.add(new Tape().input(Tensor.zeros(4))), new int[] {0, 1, 1, 0});
        // two confidently wrong (100 each) and two confidently right (e^-100 ≈ 0)
        assertThat((double) value.item()).isFinite().isCloseTo(50, within(1e-4));
        value.backward();
        // d/dz = (σ(z) − t)/n: ±1/4 when wrong, ~0 when right
        float[] expected = {0.25f, -0.25f, 0f, 0f}; // the last two are e^-100/4: 0 or a subnormal float
        for (int i = 0; i < expected.length; i++) {
            assertThat(z.grad().get(i)).isCloseTo(expected[i], within(1e-30f));
        }
    }

    @Test
    void labelsOtherThanZeroAndOneAreNamedWithTheirExample() {
        assertThatThrownBy(() -> LOSS.compute(new Tape().input(Tensor.zeros(3)), new int[] {0, 1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 2 of example 2").hasMessageContaining("not 0 or 1");
        assertThatThrownBy(() -> LOSS.compute(new Tape().input(Tensor.zeros(2)), new int[] {-1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label -1 of example 0");
    }

    @Test
    void shapesMustMatch() {
        Tape tape = new Tape();
        assertThatThrownBy(() -> LOSS.compute(tape.input(Tensor.zeros(3)), new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]").hasMessageContaining("2 labels");
        assertThatThrownBy(() -> LOSS.compute(tape.input(Tensor.zeros(2, 2)), new int[] {0, 1, 0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 2]");
        assertThatThrownBy(() -> LOSS.compute(tape.input(Tensor.zeros(2, 3)), Tensor.zeros(3, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
    }
}
