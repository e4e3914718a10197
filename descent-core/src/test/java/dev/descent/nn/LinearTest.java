package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.autodiff.GradientChecker;
import dev.descent.autodiff.RandomTensors;
import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.init.Initializer;
import dev.descent.random.Rng;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Linear: PyTorch's layout, names and initialisation, and its gradients against finite differences. */
class LinearTest {

    /** y = x·Wᵀ + b in double, W stored [out, in]. */
    static double[] forward(double[] x, double[] w, double[] b, int batch, int in, int out) {
        double[] y = new double[batch * out];
        for (int r = 0; r < batch; r++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) {
                    s += x[r * in + i] * w[o * in + i];
                }
                y[r * out + o] = s;
            }
        }
        return y;
    }

    @Test
    void weightIsOutByInAndNamedLikePyTorch() {
        Linear layer = new Linear(4, 3, new Rng(1));
        assertThat(layer.weight().shape()).isEqualTo(Shape.of(3, 4));
        assertThat(layer.bias().shape()).isEqualTo(Shape.of(3));
        assertThat(layer.namedParameters()).containsOnlyKeys("weight", "bias");
        assertThat(List.copyOf(layer.namedParameters().keySet())).containsExactly("weight", "bias");
        assertThat(layer.parameters()).containsExactly(layer.weight(), layer.bias());
        assertThat(layer.parameterCount()).isEqualTo(15);
        assertThat(layer.inFeatures()).isEqualTo(4);
        assertThat(layer.outFeatures()).isEqualTo(3);
        assertThat(layer).hasToString("Linear(in_features=4, out_features=3, bias=true)");
    }

    @Test
    void withoutBias() {
        Linear layer = new Linear(4, 3, false, Initializer.xavierUniform(1), Initializer.zeros(), new Rng(1));
        assertThat(layer.bias()).isNull();
        assertThat(layer.namedParameters()).containsOnlyKeys("weight");
        assertThat(layer.parameterCount()).isEqualTo(12);
    }

    @Test
    void defaultInitialisationIsUniformWithinOneOverSqrtFanIn() {
        Linear layer = new Linear(64, 32, new Rng(2));
        double bound = 1 / Math.sqrt(64);
        for (Variable p : layer.parameters()) {
            for (float v : p.value().data()) {
                assertThat((double) Math.abs(v)).isLessThanOrEqualTo(bound);
            }
        }
        // and not all crowded near 0: some weight within 10% of the bound
        float max = 0;
        for (float v : layer.weight().value().data()) {
            max = Math.max(max, Math.abs(v));
        }
        assertThat((double) max).isGreaterThan(0.9 * bound);
    }

    @Test
    void sameSeedSameWeights() {
        assertThat(new Linear(5, 4, new Rng(3)).weight().value().data())
                .containsExactly(new Linear(5, 4, new Rng(3)).weight().value().data());
    }

    @Test
    void forwardAndGradientsOfInputWeightAndBias() {
        Rng rng = new Rng(4);
        Linear layer = new Linear(4, 3, rng);
        Tensor x = RandomTensors.uniform(rng, -1, 1, 5, 4);
        // the input as a parameter, bound to the tape through an added zero, to check dL/dx too
        Variable input = Variable.parameter(x);
        List<Variable> differentiated = new ArrayList<>(List.of(input));
        differentiated.addAll(layer.parameters());
        GradientChecker.standard().verify("Linear(4, 3)", () -> {
            Tape tape = new Tape();
            return layer.forward(input.add(tape.input(Tensor.zeros(4))));
        }, differentiated, v -> forward(v[0], v[1], v[2], 5, 4, 3));
    }

    @Test
    void gradientsWithoutBias() {
        Rng rng = new Rng(5);
        Linear layer = new Linear(3, 2, false, Initializer.kaimingUniform(Initializer.RELU_GAIN), null, rng);
        Tensor x = RandomTensors.uniform(rng, -1, 1, 4, 3);
        GradientChecker.standard().verify("Linear(3, 2, bias=false)",
                () -> layer.forward(new Tape().input(x)), layer.parameters(),
                v -> forward(RandomTensors.toDouble(x), v[0], null, 4, 3, 2));
    }

    @Test
    void invalidWidthsAndInputsAreRejected() {
        assertThatThrownBy(() -> new Linear(0, 3, new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Linear(0, 3)");
        assertThatThrownBy(() -> new Linear(3, -1, new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Linear(3, -1)");
        Linear layer = new Linear(4, 3, new Rng(1));
        assertThatThrownBy(() -> layer.forward(new Tape().input(Tensor.zeros(2, 5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 5]").hasMessageContaining("[3, 4]");
    }
}
