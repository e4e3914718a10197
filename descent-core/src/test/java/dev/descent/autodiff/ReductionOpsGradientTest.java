package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** sum and mean of a whole tensor against finite differences. */
class ReductionOpsGradientTest {
    private static final GradientChecker CHECKER = GradientChecker.standard();

    private static int[] dims(int rank) {
        return switch (rank) {
            case 0 -> new int[] {};
            case 1 -> new int[] {7};
            case 2 -> new int[] {3, 4};
            default -> new int[] {2, 3, 4};
        };
    }

    @ParameterizedTest(name = "rank {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void sum(int rank) {
        Tensor x = RandomTensors.uniform(new Rng(41), -2, 2, dims(rank));
        CHECKER.verify("sum", in -> {
            Variable y = in[0].sum();
            assertThat(y.shape().rank()).isZero();
            return y;
        }, v -> new double[] {Arrays.stream(v[0]).sum()}, x);
    }

    @ParameterizedTest(name = "rank {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void mean(int rank) {
        Tensor x = RandomTensors.uniform(new Rng(42), -2, 2, dims(rank));
        CHECKER.verify("mean", in -> in[0].mean(), v -> new double[] {Arrays.stream(v[0]).average().orElseThrow()}, x);
    }

    @Test
    void sumOfAnEmptyTensorIsZeroButItsMeanIsAnError() {
        Tape tape = new Tape();
        Variable empty = tape.input(Tensor.zeros(0, 3));
        assertThat(empty.sum().item()).isZero();
        assertThatThrownBy(empty::mean)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mean").hasMessageContaining("[0, 3]").hasMessageContaining("empty");
    }
}
