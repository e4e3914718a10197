package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.random.Rng;
import dev.descent.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ready-made architectures: their layers, names and sizes. */
class ModelsTest {

    @Test
    void mlpAlternatesLinearAndReluWithoutAFinalActivation() {
        Sequential model = Models.mlp(new Rng(1), 5, 7, 3);
        assertThat(model.layers()).hasSize(3);
        assertThat(model.layers().get(0)).isInstanceOf(Linear.class);
        assertThat(model.layers().get(1)).hasToString("ReLU()");
        assertThat(model.layers().get(2)).isInstanceOf(Linear.class);
        assertThat(List.copyOf(model.namedParameters().keySet()))
                .containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(model.namedParameters().get("0.weight").shape()).isEqualTo(Shape.of(7, 5));
        assertThat(model.namedParameters().get("2.weight").shape()).isEqualTo(Shape.of(3, 7));
        assertThat(model.parameterCount()).isEqualTo(7 * 5 + 7 + 3 * 7 + 3);
    }

    @Test
    void mlpIsReproducibleFromItsSeed() {
        float[] a = Models.mlp(new Rng(9), 4, 3, 2).parameters().get(2).value().data();
        float[] b = Models.mlp(new Rng(9), 4, 3, 2).parameters().get(2).value().data();
        float[] c = Models.mlp(new Rng(10), 4, 3, 2).parameters().get(2).value().data();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void mlpNeedsAnInputAndAnOutputWidth() {
        assertThatThrownBy(() -> Models.mlp(new Rng(1), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least");
    }

    @Test
    void logisticRegressionIsOneLinearLayer() {
        Sequential model = Models.logisticRegression(new Rng(1), 10, 1);
        assertThat(model.layers()).singleElement().isInstanceOf(Linear.class);
        assertThat(model.parameterCount()).isEqualTo(11);
    }
}
