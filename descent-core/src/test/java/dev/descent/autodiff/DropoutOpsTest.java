package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inverted dropout: the mask and its scaling, the gradient through it, evaluation mode and validation. */
class DropoutOpsTest {
    private static final float P = 0.3f;

    /** The mask dropout applies with this seed: y / x, for x without zeros. */
    private static float[] observedMask(Tensor x, float p, long seed) {
        float[] y = DropoutOps.dropout(Tape.noGrad().input(x), p, true, new Rng(seed)).value().data();
        float[] mask = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            mask[i] = y[i] / x.get(i);
        }
        return mask;
    }

    @Test
    void eachElementIsDroppedOrScaledByOneOverOneMinusP() {
        Tensor x = RandomTensors.awayFromZero(new Rng(71), 0.1, 2, 8, 16);
        float[] mask = observedMask(x, P, 5);
        for (float m : mask) {
            assertThat(m).satisfiesAnyOf(v -> assertThat(v).isZero(),
                    v -> assertThat(v).isCloseTo(1f / (1f - P), within(1e-6f)));
        }
        assertThat(mask).contains(0f);
    }

    @Test
    void gradientIsTheSeedTimesTheSameMask() {
        Tensor x = RandomTensors.awayFromZero(new Rng(72), 0.1, 2, 6, 7);
        float[] mask = observedMask(x, P, 6);
        // the same seed gives the same mask, so the reference can use the mask observed above
        GradientChecker.standard().verify("dropout", in -> DropoutOps.dropout(in[0], P, true, new Rng(6)), v -> {
            double[] y = new double[v[0].length];
            for (int i = 0; i < y.length; i++) {
                y[i] = v[0][i] * mask[i];
            }
            return y;
        }, x);
    }

    @Test
    void gradientEqualsTheMaskScaling() {
        Tensor x = RandomTensors.awayFromZero(new Rng(73), 0.1, 2, 4, 5);
        Variable p = Variable.parameter(x.copy());
        Tape tape = new Tape();
        Variable y = p.add(tape.input(Tensor.zeros(5))).dropout(P, true, new Rng(7));
        y.sum().backward();
        for (int i = 0; i < x.size(); i++) {
            assertThat(p.grad().get(i)).isEqualTo(y.value().get(i) == 0f ? 0f : 1f / (1f - P));
        }
    }

    @Test
    void evaluationModeAndZeroProbabilityReturnTheInputItself() {
        Tape tape = new Tape();
        Variable x = tape.input(Tensor.filled(1f, 3, 3));
        assertThat(DropoutOps.dropout(x, 0.5f, false, new Rng(1))).isSameAs(x);
        assertThat(DropoutOps.dropout(x, 0f, true, new Rng(1))).isSameAs(x);
        assertThat(tape.size()).isZero();
    }

    @ParameterizedTest(name = "p = {0}")
    @ValueSource(floats = {0.1f, 0.5f, 0.9f})
    void theFractionDroppedIsAboutP(float p) {
        int n = 100_000;
        Tensor ones = Tensor.filled(1f, n);
        float[] y = DropoutOps.dropout(Tape.noGrad().input(ones), p, true, new Rng(8)).value().data();
        int zeros = 0;
        double total = 0;
        for (float v : y) {
            zeros += v == 0f ? 1 : 0;
            total += v;
        }
        // the count is Binomial(n, p): its standard deviation is ≤ 0.0016 n, and 0.01 n is > 6σ
        assertThat(zeros / (double) n).isCloseTo(p, within(0.01));
        // inverted scaling keeps the expectation: E[y] = x; sd of the mean ≤ 0.01 here, so 0.05 is ≥ 5σ
        assertThat(total / n).isCloseTo(1.0, within(0.05));
    }

    @Test
    void sameSeedSameMaskAndAnotherSeedAnotherMask() {
        Tensor x = RandomTensors.awayFromZero(new Rng(74), 0.1, 2, 10, 10);
        assertThat(observedMask(x, P, 9)).containsExactly(observedMask(x, P, 9));
        assertThat(observedMask(x, P, 9)).isNotEqualTo(observedMask(x, P, 10));
    }

    @ParameterizedTest(name = "p = {0}")
    @ValueSource(floats = {-0.1f, 1f, 1.5f, Float.NaN})
    void probabilityOutsideZeroToOneIsRejected(float p) {
        Variable x = new Tape().input(Tensor.zeros(2));
        assertThatThrownBy(() -> DropoutOps.dropout(x, p, true, new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1)").hasMessageContaining(String.valueOf(p));
        // rejected in evaluation mode too: a bad configuration should not wait for training to fail
        assertThatThrownBy(() -> DropoutOps.dropout(x, p, false, new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
