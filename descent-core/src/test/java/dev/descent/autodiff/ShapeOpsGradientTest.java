package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.random.Rng;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** reshape and flatten: values kept in row-major order, gradients routed back element by element. */
class ShapeOpsGradientTest {
    private static final GradientChecker CHECKER = GradientChecker.standard();

    @Test
    void reshapeToSeveralShapes() {
        Tensor x = RandomTensors.uniform(new Rng(61), -2, 2, 2, 6);
        for (int[] dims : new int[][] {{3, 4}, {12}, {2, 3, 2}, {1, 12}}) {
            CHECKER.verify("reshape" + Shape.of(dims), in -> {
                Variable y = in[0].reshape(dims);
                assertThat(y.shape()).isEqualTo(Shape.of(dims));
                return y;
            }, v -> v[0].clone(), x);
        }
    }

    @Test
    void reshapeFollowedByAnOperationThatCaresAboutPositions() {
        // a wrong routing of the reshape gradient would pair gradients with the wrong rows here
        Rng rng = new Rng(62);
        Tensor x = RandomTensors.uniform(rng, -2, 2, 2, 6);
        Tensor w = RandomTensors.uniform(rng, -2, 2, 4, 2);
        CHECKER.verify("reshape·w", in -> in[0].reshape(3, 4).matmul(in[1]),
                v -> MatrixOpsGradientTest.matmul(v[0], 3, 4, false, v[1], 4, 2, false), x, w);
    }

    @Test
    void flattenKeepsTheFirstDimension() {
        Tensor x = RandomTensors.uniform(new Rng(63), -2, 2, 2, 3, 4);
        CHECKER.verify("flatten", in -> {
            Variable y = in[0].flatten();
            assertThat(y.shape()).isEqualTo(Shape.of(2, 12));
            return y;
        }, v -> v[0].clone(), x);
        Tensor vector = RandomTensors.uniform(new Rng(64), -2, 2, 5);
        CHECKER.verify("flatten[5]", in -> {
            Variable y = ShapeOps.flatten(in[0]);
            assertThat(y.shape()).isEqualTo(Shape.of(5, 1));
            return y;
        }, v -> v[0].clone(), vector);
    }

    @Test
    void reshapeSharesStorage() {
        Tensor x = Tensor.zeros(2, 3);
        Variable y = Tape.noGrad().input(x).reshape(3, 2);
        assertThat(y.value().data()).isSameAs(x.data());
    }

    @Test
    void errorsNameTheShapes() {
        Tape tape = new Tape();
        Variable x = tape.input(Tensor.zeros(2, 3));
        assertThatThrownBy(() -> x.reshape(4, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4, 2]");
        assertThatThrownBy(() -> tape.input(Tensor.scalar(1f)).flatten())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scalar");
    }
}
