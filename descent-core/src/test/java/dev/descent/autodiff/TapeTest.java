package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tape's contract: what is recorded, how gradients accumulate, and what reset recycles. */
class TapeTest {
    private static final float[] X = {1, -2, 3, 0.5f, 2, -1};

    private static Variable parameter(float... values) {
        return Variable.parameter(Tensor.of(values, values.length));
    }

    @Test
    void parameterGradientsAccumulateOverBackwardCallsUntilZeroGrad() {
        Variable w = parameter(0.5f, -1f, 2f);
        Tape tape = new Tape();
        Variable loss = tape.input(Tensor.of(new float[] {1, 2, 3}, 3)).mul(w).sum();

        loss.backward();
        assertThat(w.grad().data()).containsExactly(1f, 2f, 3f);
        loss.backward();
        assertThat(w.grad().data()).containsExactly(2f, 4f, 6f);

        float[] buffer = w.grad().data();
        w.zeroGrad();
        assertThat(w.grad().data()).isSameAs(buffer).containsExactly(0f, 0f, 0f);
        loss.backward();
        assertThat(w.grad().data()).containsExactly(1f, 2f, 3f);
    }

    @Test
    void intermediateGradientsAreRecomputedNotAccumulated() {
        Variable w = parameter(1f, 2f);
        Tape tape = new Tape();
        Variable hidden = tape.input(Tensor.of(new float[] {3, 4}, 2)).mul(w);
        Variable loss = hidden.scale(2f).sum();
        loss.backward();
        loss.backward();
        assertThat(hidden.grad().data()).containsExactly(2f, 2f);
        assertThat(w.grad().data()).containsExactly(12f, 16f);
    }

    @Test
    void aVariableUsedTwiceGetsTheSumOfBothContributions() {
        Variable x = parameter(1.5f, -2f, 3f);
        Tape tape = new Tape();
        Variable zero = tape.input(Tensor.zeros(3));
        // x·x + x: d/dx = 2x + 1, from three uses of x
        Variable y = x.add(zero); // binds x to the tape: an operation needs a tape-bound operand
        y.mul(y).add(y).sum().backward();
        assertThat(y.grad().data()).containsExactly(4f, -3f, 7f);
        assertThat(x.grad().data()).containsExactly(4f, -3f, 7f);
    }

    @Test
    void inputsAndConstantsGetNoGradient() {
        Variable w = parameter(1f, 2f);
        Variable frozen = Variable.constant(Tensor.of(new float[] {5, 6}, 2));
        Tape tape = new Tape();
        Variable data = tape.input(Tensor.of(new float[] {3, 4}, 2));
        data.mul(w).mul(frozen).sum().backward();
        assertThat(data.requiresGrad()).isFalse();
        assertThat(data.grad()).isNull();
        assertThat(frozen.grad()).isNull();
        assertThat(w.grad().data()).containsExactly(15f, 24f);
    }

    @Test
    void aNoGradTapeRecordsNothingAndRefusesBackward() {
        Variable w = parameter(1f, 2f);
        Tape tape = Tape.noGrad();
        Variable loss = tape.input(Tensor.of(new float[] {3, 4}, 2)).mul(w).exp().sum();
        assertThat(tape.isRecording()).isFalse();
        assertThat(tape.size()).isZero();
        assertThat(loss.requiresGrad()).isFalse();
        assertThat(loss.item()).isEqualTo((float) (Math.exp(3) + Math.exp(8)));
        assertThatThrownBy(loss::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-grad tape").hasMessageContaining("new Tape()");
        assertThat(w.grad()).isNull();
    }

    @Test
    void aRecordingTapeCountsTheOperationsThatNeedGradients() {
        Variable w = parameter(1f, 2f);
        Tape tape = new Tape();
        Variable data = tape.input(Tensor.of(new float[] {3, 4}, 2));
        data.exp().sum(); // no parameter involved: nothing to record
        assertThat(tape.size()).isZero();
        data.mul(w).exp().sum();
        assertThat(tape.size()).isEqualTo(3);
    }

    @Test
    void backwardWithoutASeedNeedsAScalar() {
        Tape tape = new Tape();
        Variable y = tape.input(Tensor.zeros(2, 3)).add(Variable.parameter(Tensor.zeros(3)));
        assertThatThrownBy(y::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("backward(seed)");
        assertThatThrownBy(() -> y.backward(Tensor.zeros(3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
    }

    @Test
    void backwardOnALeafOrOnAValueWithoutParametersIsExplained() {
        Variable w = parameter(1f);
        assertThatThrownBy(w::backward).isInstanceOf(IllegalStateException.class).hasMessageContaining("leaf");
        Variable noParameters = new Tape().input(Tensor.scalar(2f)).exp();
        assertThatThrownBy(noParameters::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not depend on any parameter");
    }

    @Test
    void operandsFromTwoTapesAreRejected() {
        Variable a = new Tape().input(Tensor.zeros(2));
        Variable b = new Tape().input(Tensor.zeros(2));
        assertThatThrownBy(() -> a.add(b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add").hasMessageContaining("two different tapes");
    }

    @Test
    void anOperationNeedsAnOperandBoundToATape() {
        Variable w = parameter(1f, 2f);
        assertThatThrownBy(w::exp)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exp").hasMessageContaining("tape.input");
    }

    @Test
    void aValueFromBeforeResetCannotBeBackPropagated() {
        Variable w = parameter(1f, 2f);
        Tape tape = new Tape();
        Variable loss = tape.input(Tensor.of(new float[] {3, 4}, 2)).mul(w).sum();
        tape.reset();
        assertThat(tape.size()).isZero();
        assertThatThrownBy(loss::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reset");
        assertThat(w.grad()).isNull();
    }

    @Test
    void aValueFromBeforeResetCannotBeUsedInTheNextStep() {
        // Its buffers now belong to the next step: using it would silently read recycled values and
        // send its gradient into a recycled buffer instead of to the parameters behind it.
        Variable w = parameter(1f, 2f);
        Tape tape = new Tape();
        Variable stale = tape.input(Tensor.of(new float[] {3, 4}, 2)).mul(w);
        stale.sum().backward();
        tape.reset();
        Variable fresh = tape.input(Tensor.of(new float[] {1, 1}, 2));
        assertThatThrownBy(() -> stale.add(fresh))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add").hasMessageContaining("reset");
        assertThatThrownBy(() -> fresh.mul(stale)).hasMessageContaining("reset");
        assertThatThrownBy(stale::exp).hasMessageContaining("reset");
    }

    /** One training step of a small two-layer network; returns every value and gradient it produced. */
    private static List<float[]> trainingStep(Tape tape, Variable w1, Variable b1, Variable w2) {
        tape.reset();
        Variable x = tape.input(Tensor.of(X, 2, 3));
        Variable hiddenLinear = MatrixOps.linear(x, w1, b1);
        Variable hidden = hiddenLinear.tanh();
        Variable output = MatrixOps.matmul(hidden, false, w2, true);
        Variable probabilities = output.softmax();
        Variable loss = probabilities.mul(probabilities).mean();
        loss.backward();
        List<float[]> buffers = new ArrayList<>();
        for (Variable v : List.of(hiddenLinear, hidden, output, probabilities, loss)) {
            buffers.add(v.value().data());
            buffers.add(v.grad().data());
        }
        for (Variable p : List.of(w1, b1, w2)) {
            buffers.add(p.grad().data());
        }
        return buffers;
    }

    @Test
    void resetRecyclesEveryBufferOfAnIdenticalStep() {
        Variable w1 = Variable.parameter(Tensor.generate(i -> 0.1 * i - 0.5, 4, 3));
        Variable b1 = Variable.parameter(Tensor.generate(i -> 0.2 * i, 4));
        Variable w2 = Variable.parameter(Tensor.generate(i -> 0.3 - 0.05 * i, 5, 4));
        Tape tape = new Tape();

        List<float[]> first = trainingStep(tape, w1, b1, w2);
        float firstLoss = first.get(8)[0];
        List<float[]> second = trainingStep(tape, w1, b1, w2);
        List<float[]> third = trainingStep(tape, w1, b1, w2);

        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).as("buffer %d", i).isSameAs(first.get(i));
            assertThat(third.get(i)).as("buffer %d", i).isSameAs(first.get(i));
        }
        // the values are recomputed into the recycled buffers, not merely left over
        assertThat(third.get(8)[0]).isEqualTo(firstLoss);
        assertThat(tape.size()).isEqualTo(6); // linear, tanh, matmul, softmax, mul, mean
    }
}
