package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.loss.BinaryCrossEntropyWithLogits;
import dev.descent.loss.HingeLoss;
import dev.descent.loss.HuberLoss;
import dev.descent.loss.MeanSquaredError;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * A recycling tape reuses its variables and backward steps from one step to the next; it must
 * give exactly the values and gradients of an ordinary tape, whatever the previous step left in
 * the objects it reuses.
 */
class RecyclingTapeTest {
    private static final float[][] INPUTS = {
        {1, -2, 3, 0.5f, 2, -1},
        {-0.5f, 0.25f, 1.5f, -3, 0.75f, 2},
        {2, 2, -1, -1, 0.5f, 0},
    };

    /** Parameters of a small network: w1 [4, 3], b1 [4], w2 [2, 4], s [4]. */
    private static List<Variable> parameters() {
        return List.of(
                Variable.parameter(Tensor.generate(i -> 0.1 * i - 0.5, 4, 3)),
                Variable.parameter(Tensor.generate(i -> 0.2 * i - 0.3, 4)),
                Variable.parameter(Tensor.generate(i -> 0.3 - 0.05 * i, 2, 4)),
                Variable.parameter(Tensor.generate(i -> 1.0 + 0.1 * i, 4)));
    }

    /** A step that uses every operation with a backward step; {@code variant} changes which ones run where. */
    private static float step(Tape tape, List<Variable> p, float[] input, int variant) {
        tape.reset();
        Variable x = tape.input(Tensor.of(input, 2, 3));
        Variable h = MatrixOps.linear(x, p.get(0), p.get(1));
        h = switch (variant % 3) {
            case 0 -> h.relu();
            case 1 -> h.sigmoid();
            default -> ElementwiseOps.leakyRelu(h, 0.1f);
        };
        h = h.mul(p.get(3)).add(p.get(1)).sub(p.get(3)).scale(0.5f).div(p.get(3));
        h = variant % 2 == 0 ? h.tanh() : ElementwiseOps.gelu(h, variant == 1);
        Variable logits = MatrixOps.matmul(h, false, p.get(2), true);
        Variable positive = logits.exp().add(tape.input(Tensor.of(new float[] {1}, 1))).log();
        Variable a = positive.softmax().mul(logits.logSoftmax()).reshape(4).sum();
        Variable b = logits.flatten().dropout(0.25f, true, new Rng(variant)).mean();
        Variable loss = a.add(b);
        loss.backward();
        return loss.item();
    }

    @Test
    void aRecyclingTapeGivesTheValuesAndGradientsOfAnOrdinaryOne() {
        List<Variable> plainParameters = parameters();
        List<Variable> recycledParameters = parameters();
        Tape plain = new Tape();
        Tape recycling = Tape.recycling();
        int[] variants = {0, 0, 1, 2, 1, 0, 2, 2};
        for (int s = 0; s < variants.length; s++) {
            float[] input = INPUTS[s % INPUTS.length];
            float expected = step(plain, plainParameters, input, variants[s]);
            float actual = step(recycling, recycledParameters, input, variants[s]);
            assertThat(actual).as("loss of step %d", s).isEqualTo(expected);
            for (int i = 0; i < plainParameters.size(); i++) {
                assertThat(recycledParameters.get(i).grad().data()).as("gradient %d, step %d", i, s)
                        .containsExactly(plainParameters.get(i).grad().data());
                plainParameters.get(i).zeroGrad();
                recycledParameters.get(i).zeroGrad();
            }
        }
    }

    @Test
    void aRepeatedStepReusesTheSameVariablesAndBackwardSteps() {
        List<Variable> p = parameters();
        Tape tape = Tape.recycling();
        List<Object> first = recordedObjects(tape, p);
        List<Object> second = recordedObjects(tape, p);
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).as("object %d", i).isSameAs(first.get(i));
        }
    }

    private static List<Object> recordedObjects(Tape tape, List<Variable> p) {
        tape.reset();
        Variable x = tape.input(Tensor.of(INPUTS[0], 2, 3));
        Variable h = MatrixOps.linear(x, p.get(0), p.get(1)).relu();
        Variable logits = MatrixOps.matmul(h, false, p.get(2), true);
        Variable loss = new SoftmaxCrossEntropy().compute(logits, new int[] {1, 0});
        loss.backward();
        List<Object> objects = new ArrayList<>();
        for (Variable v : List.of(x, h, logits, loss)) {
            objects.add(v);
            if (v.backwardStep() != null) {
                objects.add(v.backwardStep());
            }
        }
        return objects;
    }

    @Test
    void anOrdinaryTapeStillRejectsAValueFromBeforeReset() {
        Tape tape = new Tape();
        Variable w = Variable.parameter(Tensor.of(new float[] {1, 2}, 2));
        Variable old = tape.input(Tensor.of(new float[] {3, 4}, 2)).mul(w);
        tape.reset();
        tape.input(Tensor.of(new float[] {1, 1}, 2)).mul(w);
        assertThat(old.isStale()).isTrue();
    }

    @Test
    void lossesOnARecyclingTapeMatchAnOrdinaryTape() {
        int[] labels = {1, 0, 1};
        float[] weights = {0.5f, 2f, 1f};
        Tensor targets = Tensor.of(new float[] {0.5f, -1f, 2f}, 3, 1);
        List<BiFunction<Variable, Integer, Variable>> losses = List.of(
                (z, s) -> new SoftmaxCrossEntropy(new float[] {1f, 2f}, 0.1f).compute(z, labels, weights),
                (z, s) -> new SoftmaxCrossEntropy().compute(z, labels),
                (z, s) -> new BinaryCrossEntropyWithLogits().compute(z.matmul(column(z)), labels, weights),
                (z, s) -> new HingeLoss().compute(z.matmul(column(z)), labels, weights),
                (z, s) -> new MeanSquaredError().compute(z.matmul(column(z)), targets),
                (z, s) -> new HuberLoss(0.5f).compute(z.matmul(column(z)), targets));
        Variable plainWeight = Variable.parameter(Tensor.generate(i -> 0.4 - 0.15 * i, 2, 3));
        Variable recycledWeight = Variable.parameter(plainWeight.value().copy());
        Tape plain = new Tape();
        Tape recycling = Tape.recycling();
        for (int round = 0; round < 2; round++) {
            for (int l = 0; l < losses.size(); l++) {
                float[] input = INPUTS[(round + l) % INPUTS.length];
                float[] nine = new float[9];
                System.arraycopy(input, 0, nine, 0, 6);
                nine[6] = 0.25f * l;
                float expected = lossStep(plain, plainWeight, nine, losses.get(l), l);
                float actual = lossStep(recycling, recycledWeight, nine, losses.get(l), l);
                assertThat(actual).as("loss %d, round %d", l, round).isEqualTo(expected);
                assertThat(recycledWeight.grad().data()).as("gradient of loss %d, round %d", l, round)
                        .containsExactly(plainWeight.grad().data());
                plainWeight.zeroGrad();
                recycledWeight.zeroGrad();
            }
        }
    }

    private static float lossStep(Tape tape, Variable weight, float[] input,
                                  BiFunction<Variable, Integer, Variable> loss, int which) {
        tape.reset();
        Variable logits = MatrixOps.linear(tape.input(Tensor.of(input, 3, 3)), weight, null);
        Variable value = loss.apply(logits, which);
        value.backward();
        return value.item();
    }

    /** A constant [2, 1] column bound to z's tape, to turn [n, 2] logits into one score per row. */
    private static Variable column(Variable z) {
        return z.tape().input(Tensor.of(new float[] {1f, -0.5f}, 2, 1));
    }
}
