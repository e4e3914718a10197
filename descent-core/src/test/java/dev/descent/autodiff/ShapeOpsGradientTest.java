package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.random.Rng;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * reshape, view, flatten and transpose: values kept (or, for transpose, moved) in row-major
 * order, gradients routed back element by element.
 */
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

    @Test
    void reshapeAndViewInferMinusOne() {
        Tensor x = RandomTensors.uniform(new Rng(65), -2, 2, 2, 6);
        CHECKER.verify("reshape(-1, 4)", in -> {
            Variable y = in[0].reshape(-1, 4);
            assertThat(y.shape()).isEqualTo(Shape.of(3, 4));
            return y;
        }, v -> v[0].clone(), x);
        CHECKER.verify("view(-1)", in -> {
            Variable y = in[0].view(-1);
            assertThat(y.shape()).isEqualTo(Shape.of(12));
            return y;
        }, v -> v[0].clone(), x);
        assertThatThrownBy(() -> Tape.noGrad().input(x).view(5, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 6]").hasMessageContaining("[5, -1]");
    }

    /** Every pair of axes of ranks 2 to 4, including negative and reversed pairs. */
    static Stream<Arguments> axisPairs() {
        int[][] shapes = {{3, 4}, {2, 3, 4}, {2, 3, 1, 2}};
        List<Arguments> cases = new ArrayList<>();
        for (int[] dims : shapes) {
            for (int a = 0; a < dims.length; a++) {
                for (int b = 0; b < dims.length; b++) {
                    if (a != b) {
                        cases.add(Arguments.of(dims, a, b));
                    }
                }
            }
            cases.add(Arguments.of(dims, -1, -2));
            cases.add(Arguments.of(dims, 0, -1));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} transpose({1}, {2})")
    @MethodSource("axisPairs")
    void transposeOfAnyTwoAxes(int[] dims, int dim0, int dim1) {
        Tensor x = RandomTensors.uniform(new Rng(66), -2, 2, dims);
        int a = dim0 < 0 ? dim0 + dims.length : dim0;
        int b = dim1 < 0 ? dim1 + dims.length : dim1;
        int[] swapped = dims.clone();
        swapped[a] = dims[b];
        swapped[b] = dims[a];
        CHECKER.verify("transpose(" + dim0 + ", " + dim1 + ")", in -> {
            Variable y = in[0].transpose(dim0, dim1);
            assertThat(y.shape()).isEqualTo(Shape.of(swapped));
            return y;
        }, v -> transposeReference(v[0], dims, a, b), x);
    }

    /** y at coordinates c (of the swapped shape) is x at c with entries a and b exchanged. */
    static double[] transposeReference(double[] x, int[] dims, int a, int b) {
        int[] swapped = dims.clone();
        swapped[a] = dims[b];
        swapped[b] = dims[a];
        double[] y = new double[x.length];
        int[] c = new int[dims.length];
        for (int flat = 0; flat < y.length; flat++) {
            int rest = flat;
            for (int d = dims.length - 1; d >= 0; d--) {
                c[d] = rest % swapped[d];
                rest /= swapped[d];
            }
            int source = 0;
            for (int d = 0; d < dims.length; d++) {
                int coordinate = d == a ? c[b] : d == b ? c[a] : c[d];
                source = source * dims[d] + coordinate;
            }
            y[flat] = x[source];
        }
        return y;
    }

    @Test
    void transposeOfAMatrixByHand() {
        Variable x = Tape.noGrad().input(Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}}));
        assertThat(x.transpose(0, 1).value().toArray2d()).isDeepEqualTo(new float[][] {{1, 4}, {2, 5}, {3, 6}});
        assertThat(x.transpose(-1, 0).value().toArray2d()).isDeepEqualTo(new float[][] {{1, 4}, {2, 5}, {3, 6}});
        Variable same = x.transpose(1, 1);
        assertThat(same.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(same.value().data()).isSameAs(x.value().data());
    }

    @Test
    void transposeFollowedByAMatrixProduct() {
        Rng rng = new Rng(67);
        Tensor x = RandomTensors.uniform(rng, -2, 2, 4, 3);
        Tensor w = RandomTensors.uniform(rng, -2, 2, 4, 2);
        CHECKER.verify("xᵀ·w", in -> in[0].transpose(0, 1).matmul(in[1]),
                v -> MatrixOpsGradientTest.matmul(v[0], 4, 3, true, v[1], 4, 2, false), x, w);
    }

    @Test
    void transposeOfZeroSizeDimensions() {
        Variable x = Variable.parameter(Tensor.zeros(0, 3));
        Variable y = x.add(new Tape().input(Tensor.scalar(0f))).transpose(0, 1);
        assertThat(y.shape()).isEqualTo(Shape.of(3, 0));
        y.backward(Tensor.zeros(3, 0));
        assertThat(x.grad().shape()).isEqualTo(Shape.of(0, 3));
    }

    @Test
    void transposeAxesOutOfRangeAreNamed() {
        Variable x = Tape.noGrad().input(Tensor.zeros(5));
        assertThatThrownBy(() -> x.transpose(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transpose (dim1): axis 1 is out of range for shape [5]; use an axis from -1 to 0");
        assertThatThrownBy(() -> Tape.noGrad().input(Tensor.zeros(2, 3)).transpose(-3, 0))
                .hasMessageStartingWith("transpose (dim0): axis -3");
    }
}
