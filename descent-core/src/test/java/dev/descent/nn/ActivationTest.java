package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.autodiff.ElementwiseOps;
import dev.descent.autodiff.RandomTensors;
import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each activation layer applies its operation and prints as PyTorch does. */
class ActivationTest {
    private final Tensor x = RandomTensors.uniform(new Rng(1), -3, 3, 3, 4);

    private void assertApplies(Activation layer, UnaryOperator<Variable> op, String name) {
        Tape tape = Tape.noGrad();
        assertThat(layer.forward(tape.input(x)).value().data()).containsExactly(op.apply(tape.input(x)).value().data());
        assertThat(layer).hasToString(name);
        assertThat(layer.parameterCount()).isZero();
    }

    @Test
    void eachLayerAppliesItsOperation() {
        assertApplies(Activation.relu(), ElementwiseOps::relu, "ReLU()");
        assertApplies(Activation.leakyRelu(0.2f), v -> ElementwiseOps.leakyRelu(v, 0.2f), "LeakyReLU(negative_slope=0.2)");
        assertApplies(Activation.sigmoid(), ElementwiseOps::sigmoid, "Sigmoid()");
        assertApplies(Activation.tanh(), ElementwiseOps::tanh, "Tanh()");
        assertApplies(Activation.gelu(), ElementwiseOps::gelu, "GELU()");
        assertApplies(Activation.geluTanh(), v -> ElementwiseOps.gelu(v, true), "GELU(approximate='tanh')");
    }

    @Test
    void leakyReluSlopeMustBeFinite() {
        assertThatThrownBy(() -> Activation.leakyRelu(Float.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Activation.leakyRelu(Float.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
    }
}
