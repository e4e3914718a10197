package dev.descent.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.schedule.LinearDecay;
import dev.descent.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SGD against hand-computed steps, with PyTorch's momentum. */
class SgdTest {
    /** float32 arithmetic of a few operations on numbers of order 1. */
    private static final org.assertj.core.data.Offset<Float> FLOAT = within(1e-6f);

    private static Variable parameter(float... values) {
        return Variable.parameter(Tensor.of(values, values.length));
    }

    /** Sets the gradient exactly, as if a backward pass had produced it. */
    private static void setGrad(Variable p, float... g) {
        p.zeroGrad();
        p.gradForAccumulation().copyFrom(Tensor.of(g, g.length));
    }

    /** SGD over the given parameters, named p0, p1, … */
    private static Optimizer sgd(double lr, double momentum, Variable... parameters) {
        return new Sgd(lr).withMomentum(momentum).build(named(parameters));
    }

    private static Map<String, Variable> named(Variable... parameters) {
        Map<String, Variable> named = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i++) {
            named.put("p" + i, parameters[i]);
        }
        return named;
    }

    private static void assertValues(Variable p, float... expected) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(p.value().get(i)).as("element %d", i).isCloseTo(expected[i], FLOAT);
        }
    }

    @Test
    void plainStepIsWeightMinusLearningRateTimesGradient() {
        Variable w = parameter(1f, -2f, 0.5f);
        Optimizer sgd = sgd(0.1, 0, w);
        setGrad(w, 0.5f, -1f, 2f);
        sgd.step();
        assertValues(w, 0.95f, -1.9f, 0.3f);
        setGrad(w, -1f, 0f, 3f);
        sgd.step();
        assertValues(w, 1.05f, -1.9f, 0f);
    }

    @Test
    void momentumOverThreeStepsAsInPyTorch() {
        // b1 = g1;  b2 = 0.9·b1 + g2;  b3 = 0.9·b2 + g3;  w ← w − 0.1·b
        Variable w = parameter(1f, 1f);
        Optimizer sgd = sgd(0.1, 0.9, w);
        setGrad(w, 1f, -2f);
        sgd.step(); // b = [1, −2]
        assertValues(w, 0.9f, 1.2f);
        setGrad(w, 2f, 0.5f);
        sgd.step(); // b = [2.9, −1.3]
        assertValues(w, 0.61f, 1.33f);
        setGrad(w, -1f, 1f);
        sgd.step(); // b = [1.61, −0.17]
        assertValues(w, 0.449f, 1.347f);
    }

    @Test
    void gradientsFromARealBackwardPass() {
        // loss = Σ c·w: gradient c, independent of w
        Variable w = parameter(1f, 2f);
        Tensor c = Tensor.of(new float[] {3f, -1f}, 2);
        Optimizer sgd = sgd(0.5, 0, w);
        for (int step = 0; step < 2; step++) {
            sgd.zeroGrad();
            new Tape().input(c).mul(w).sum().backward();
            sgd.step();
        }
        assertValues(w, -2f, 3f);
    }

    @Test
    void parametersWithoutAGradientAreSkipped() {
        Variable used = parameter(1f);
        Variable unused = parameter(5f);
        Optimizer sgd = sgd(0.1, 0.9, used, unused);
        setGrad(used, 1f);
        sgd.step();
        assertValues(used, 0.9f);
        assertValues(unused, 5f);
        assertThat(unused.grad()).isNull();
    }

    @Test
    void aParameterFirstReachedLaterStartsItsMomentumFromItsGradient() {
        // PyTorch creates a parameter's buffer at its first gradient: b = g there, not μ·0 + …
        Variable early = parameter(0f);
        Variable late = parameter(0f);
        Optimizer sgd = sgd(1.0, 0.5, early, late);
        setGrad(early, 1f);
        sgd.step();
        setGrad(early, 1f);
        setGrad(late, 2f);
        sgd.step();
        assertValues(early, -2.5f); // b = 1, then 0.5 + 1
        assertValues(late, -2f); // b = 2
        setGrad(late, 2f);
        sgd.step();
        assertValues(late, -5f); // b = 0.5·2 + 2
    }

    @Test
    void zeroGradClearsEveryParameter() {
        Variable a = parameter(1f, 2f);
        Variable b = parameter(3f);
        Optimizer sgd = sgd(0.1, 0, a, b);
        setGrad(a, 1f, 1f);
        setGrad(b, 1f);
        sgd.zeroGrad();
        assertThat(a.grad().data()).containsOnly(0f);
        assertThat(b.grad().data()).containsOnly(0f);
    }

    @Test
    void eachStepUsesTheScheduleAtItsOwnStepCount() {
        // α_0 = 0.5, then the floor 0.25 from t = 1 on (linear decay over one step)
        Variable w = parameter(1f);
        Optimizer sgd = new Sgd(0.5).builder().schedule(new LinearDecay(0.5, 0.25, 1)).build(named(w));
        assertThat(sgd.learningRate()).isEqualTo(0.5);
        setGrad(w, 1f);
        sgd.step();
        assertValues(w, 0.5f);
        assertThat(sgd.stepsDone()).isEqualTo(1);
        assertThat(sgd.learningRate()).isEqualTo(0.25);
        sgd.step();
        assertValues(w, 0.25f);
    }

    @ParameterizedTest(name = "lr = {0}")
    @ValueSource(doubles = {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY})
    void invalidLearningRatesAreNamed(double lr) {
        assertThatThrownBy(() -> new Sgd(lr))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lr must be a finite number > 0, got " + lr);
    }

    @ParameterizedTest(name = "momentum = {0}")
    @ValueSource(doubles = {-0.1, 1, 1.5, Double.NaN})
    void invalidMomentaAreNamed(double momentum) {
        assertThatThrownBy(() -> new Sgd(0.1).withMomentum(momentum))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("momentum must be in [0, 1), got " + momentum);
    }

    @Test
    void anEmptyParameterListIsRejected() {
        assertThatThrownBy(() -> new Sgd(0.1).build(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }
}
