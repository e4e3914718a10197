package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.autodiff.GradientChecker;
import dev.descent.autodiff.RandomTensors;
import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.random.Rng;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sequential: an MLP against a double forward, PyTorch names, train/eval propagation. */
class SequentialTest {

    /** 5 → 7 (ReLU) → 6 (tanh) → 3. */
    private static Sequential mlp(Rng rng) {
        return new Sequential(new Linear(5, 7, rng), Activation.relu(), new Linear(7, 6, rng), Activation.tanh(),
                new Linear(6, 3, rng));
    }

    @Test
    void parametersAreNamedByPositionAsInPyTorch() {
        Sequential model = mlp(new Rng(1));
        assertThat(List.copyOf(model.namedParameters().keySet()))
                .containsExactly("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias");
        assertThat(model.namedParameters().get("2.weight").shape()).isEqualTo(Shape.of(6, 7));
        assertThat(model.namedParameters().get("4.bias").shape()).isEqualTo(Shape.of(3));
        assertThat(model.parameterCount()).isEqualTo(5 * 7 + 7 + 7 * 6 + 6 + 6 * 3 + 3);
        assertThat(model.parameters()).containsExactlyElementsOf(model.namedParameters().values());
    }

    @Test
    void nestedContainersPrefixTheirChildren() {
        Rng rng = new Rng(2);
        Sequential inner = new Sequential(new Linear(2, 2, rng), Activation.relu(), new Linear(2, 2, rng));
        Sequential outer = new Sequential(new Flatten(), inner);
        assertThat(List.copyOf(outer.namedParameters().keySet()))
                .containsExactly("1.0.weight", "1.0.bias", "1.2.weight", "1.2.bias");
    }

    @Test
    void mlpForwardAndEveryParameterGradient() {
        Rng rng = new Rng(3);
        Sequential model = mlp(rng);
        Tensor x = RandomTensors.uniform(rng, -1, 1, 4, 5);
        double[] xd = RandomTensors.toDouble(x);
        GradientChecker.Report report = GradientChecker.standard().verify("mlp 5-7-6-3",
                () -> model.forward(new Tape().input(x)), model.parameters(), p -> {
                    double[] h = LinearTest.forward(xd, p[0], p[1], 4, 5, 7);
                    for (int i = 0; i < h.length; i++) {
                        h[i] = Math.max(h[i], 0);
                    }
                    double[] g = LinearTest.forward(h, p[2], p[3], 4, 7, 6);
                    for (int i = 0; i < g.length; i++) {
                        g[i] = Math.tanh(g[i]);
                    }
                    return LinearTest.forward(g, p[4], p[5], 4, 6, 3);
                });
        assertThat(report.comparisons()).isGreaterThan((int) model.parameterCount());
    }

    @Test
    void zeroGradClearsEveryParameter() {
        Sequential model = mlp(new Rng(4));
        model.forward(new Tape().input(Tensor.filled(1f, 2, 5))).sum().backward();
        assertThat(model.parameters()).allMatch(p -> p.grad() != null);
        model.zeroGrad();
        for (Variable p : model.parameters()) {
            assertThat(p.grad().data()).containsOnly(0f);
        }
    }

    @Test
    void trainAndEvalReachDropoutInsideNestedContainers() {
        Rng rng = new Rng(5);
        Dropout dropout = new Dropout(0.5f, new Rng(6));
        Sequential model = new Sequential(new Linear(4, 8, rng), new Sequential(Activation.relu(), dropout),
                new Linear(8, 2, rng));
        assertThat(dropout.isTraining()).isTrue();

        assertThat(model.eval()).isSameAs(model);
        assertThat(dropout.isTraining()).isFalse();
        Tensor x = RandomTensors.uniform(rng, -1, 1, 3, 4);
        float[] first = model.forward(Tape.noGrad().input(x)).value().data().clone();
        float[] second = model.forward(Tape.noGrad().input(x)).value().data().clone();
        assertThat(second).containsExactly(first);

        model.train();
        assertThat(dropout.isTraining()).isTrue();
        float[] trained = model.forward(Tape.noGrad().input(x)).value().data().clone();
        assertThat(trained).isNotEqualTo(first);
    }

    @Test
    void flattenThenLinear() {
        Rng rng = new Rng(7);
        Sequential model = new Sequential(new Flatten(), new Linear(6, 2, rng));
        Tensor images = RandomTensors.uniform(rng, -1, 1, 3, 2, 3);
        double[] xd = RandomTensors.toDouble(images);
        GradientChecker.standard().verify("flatten→linear", () -> model.forward(new Tape().input(images)),
                model.parameters(), p -> LinearTest.forward(xd, p[0], p[1], 3, 6, 2));
    }

    @Test
    void anEmptySequentialIsRejected() {
        assertThatThrownBy(() -> new Sequential(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one layer");
    }
}
