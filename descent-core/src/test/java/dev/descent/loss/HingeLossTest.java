package dev.descent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

class HingeLossTest {

    @Test
    void valueAndSubgradientByHand() {
        // labels 1, 0, 1, 0 → y = +1, −1, +1, −1; scores 2 (margin met), 0.5 (violates: 1 + 0.5),
        // 0.25 (violates: 1 − 0.25), −3 (met)
        Variable z = Variable.parameter(Tensor.of(new float[] {2f, 0.5f, 0.25f, -3f}, 4, 1));
        Variable loss = new HingeLoss().compute(new Tape().input(Tensor.zeros(4, 1)).add(z), new int[] {1, 0, 1, 0});
        assertThat(loss.item()).isCloseTo((0 + 1.5f + 0.75f + 0) / 4, within(1e-7f));
        loss.backward();
        assertThat(z.grad().data()).containsExactly(0f, 0.25f, -0.25f, 0f);
    }

    @Test
    void labelsMustBeBinaryAndOnePerScore() {
        Variable z = new Tape().input(Tensor.zeros(2, 1));
        assertThatThrownBy(() -> new HingeLoss().compute(z, new int[] {0, 2}))
                .hasMessageContaining("label 2 of example 1");
        assertThatThrownBy(() -> new HingeLoss().compute(z, new int[] {0}))
                .hasMessageContaining("one score per example");
    }
}
