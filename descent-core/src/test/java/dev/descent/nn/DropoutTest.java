package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Dropout layer: active in training, the identity in evaluation, masks from its own generator. */
class DropoutTest {

    @Test
    void identityInEvaluationMode() {
        Dropout dropout = new Dropout(0.5f, new Rng(1));
        dropout.eval();
        Variable x = Tape.noGrad().input(Tensor.filled(1f, 4, 4));
        assertThat(dropout.forward(x)).isSameAs(x);
    }

    @Test
    void activeInTrainingModeWithMasksFromItsOwnGenerator() {
        Dropout a = new Dropout(0.5f, new Rng(2));
        Dropout b = new Dropout(0.5f, new Rng(2));
        Tensor ones = Tensor.filled(1f, 8, 8);
        float[] ya = a.forward(Tape.noGrad().input(ones)).value().data();
        float[] yb = b.forward(Tape.noGrad().input(ones)).value().data();
        assertThat(ya).containsExactly(yb).contains(0f, 2f).containsOnly(0f, 2f);
        // the generator moved on: the next mask differs
        assertThat(a.forward(Tape.noGrad().input(ones)).value().data()).isNotEqualTo(ya);
    }

    @ParameterizedTest(name = "p = {0}")
    @ValueSource(floats = {-0.5f, 1f, Float.NaN})
    void probabilityIsValidated(float p) {
        assertThatThrownBy(() -> new Dropout(p, new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Dropout").hasMessageContaining("[0, 1)").hasMessageContaining(String.valueOf(p));
    }
}
