package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.random.Rng;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * slice, narrow and concat: values against hand-computed PyTorch results and a coordinate-wise
 * double reference, gradients against finite differences, and the messages of their errors.
 */
class SliceOpsTest {
    private static final GradientChecker CHECKER = GradientChecker.standard();
    private static final int[] DIMS = {2, 5, 3};

    /** Axis, start, end and the range PyTorch's x[..., start:end] keeps on that axis. */
    static Stream<Arguments> slices() {
        return Stream.of(
                Arguments.of(1, 1, 4, 1, 4),
                Arguments.of(-2, 1, 4, 1, 4),
                Arguments.of(1, -3, -1, 2, 4),
                Arguments.of(1, 2, 100, 2, 5),   // end clamped, as in Python
                Arguments.of(1, -100, 2, 0, 2),  // start clamped
                Arguments.of(1, 3, 1, 3, 3),     // empty: end before start
                Arguments.of(0, 1, 2, 1, 2),
                Arguments.of(2, 0, 3, 0, 3),
                Arguments.of(-1, 1, 2, 1, 2));
    }

    @ParameterizedTest(name = "axis {0} [{1}:{2}] keeps [{3}, {4})")
    @MethodSource("slices")
    void sliceKeepsARangeOfOneAxis(int axis, int start, int end, int from, int to) {
        Tensor x = RandomTensors.uniform(new Rng(151), -2, 2, DIMS);
        int a = axis < 0 ? axis + DIMS.length : axis;
        CHECKER.verify("slice(" + axis + ", " + start + ", " + end + ")", in -> {
            Variable y = in[0].slice(axis, start, end);
            assertThat(y.shape()).isEqualTo(Shape.of(DIMS).withDim(a, to - from));
            return y;
        }, v -> sliceReference(v[0], DIMS, a, from, to), x);
    }

    /** The slices whose bounds lie inside the axis: the ones narrow accepts (it never clamps). */
    static Stream<Arguments> narrowable() {
        return slices().filter(arguments -> {
            Object[] v = arguments.get();
            int axis = (int) v[0];
            int size = DIMS[axis < 0 ? axis + DIMS.length : axis];
            int start = (int) v[1];
            int end = (int) v[2];
            return start >= -size && start <= size && end >= -size && end <= size;
        });
    }

    @ParameterizedTest(name = "axis {0} [{1}:{2}] as narrow")
    @MethodSource("narrowable")
    void narrowIsTheSameCutWithALength(int axis, int start, int end, int from, int to) {
        Tensor x = RandomTensors.uniform(new Rng(152), -2, 2, DIMS);
        int a = axis < 0 ? axis + DIMS.length : axis;
        CHECKER.verify("narrow(" + axis + ", " + from + ", " + (to - from) + ")",
                in -> in[0].narrow(axis, start, to - from), v -> sliceReference(v[0], DIMS, a, from, to), x);
    }

    /** The elements whose coordinate along {@code axis} is in [from, to), in row-major order. */
    static double[] sliceReference(double[] x, int[] dims, int axis, int from, int to) {
        double[] kept = new double[x.length];
        int count = 0;
        for (int flat = 0; flat < x.length; flat++) {
            int coordinate = flat;
            for (int d = dims.length - 1; d > axis; d--) {
                coordinate /= dims[d];
            }
            coordinate %= dims[axis];
            if (coordinate >= from && coordinate < to) {
                kept[count++] = x[flat];
            }
        }
        return java.util.Arrays.copyOf(kept, count);
    }

    @Test
    void sliceByHand() {
        Variable x = Tape.noGrad().input(Tensor.of(new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}));
        assertThat(x.slice(1, 1, 3).value().toArray2d()).isDeepEqualTo(new float[][] {{2, 3}, {6, 7}});
        assertThat(x.slice(0, -1, 2).value().toArray2d()).isDeepEqualTo(new float[][] {{5, 6, 7, 8}});
        assertThat(x.slice(1, 4, 9).shape()).isEqualTo(Shape.of(2, 0));
        assertThat(x.narrow(-1, -2, 2).value().toArray2d()).isDeepEqualTo(new float[][] {{3, 4}, {7, 8}});
        // a copy: writing into the slice leaves the input alone
        x.slice(1, 0, 2).value().fill(0f);
        assertThat(x.value().get(0)).isEqualTo(1f);
    }

    @Test
    void narrowRejectsRangesThatDoNotFit() {
        Variable x = Tape.noGrad().input(Tensor.zeros(2, 6));
        assertThatThrownBy(() -> x.narrow(1, 5, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("narrow: start 5 + length 3 does not fit in axis 1 of size 6 (shape [2, 6]);"
                        + " use a length from 0 to 1, or slice() to clamp");
        assertThatThrownBy(() -> x.narrow(1, -7, 1))
                .hasMessage("narrow: start -7 is out of range for axis 1 of size 6 (shape [2, 6]); use a start from -6 to 6");
        assertThatThrownBy(() -> x.narrow(1, 0, -1)).hasMessageContaining("length -1");
        assertThatThrownBy(() -> x.slice(2, 0, 1)).hasMessageStartingWith("slice: axis 2 is out of range for shape [2, 6]");
        assertThat(x.narrow(1, 6, 0).shape()).isEqualTo(Shape.of(2, 0));
    }

    /** Parts of shape [2, n_i, 3] (or the same with the varying axis elsewhere) joined along it. */
    static Stream<Arguments> concatenations() {
        return Stream.of(
                Arguments.of(0, new int[][] {{2, 3}, {1, 3}, {4, 3}}),
                Arguments.of(1, new int[][] {{2, 3}, {2, 1}, {2, 2}}),
                Arguments.of(-1, new int[][] {{2, 3}, {2, 1}}),
                Arguments.of(1, new int[][] {{2, 2, 3}, {2, 0, 3}, {2, 4, 3}}),
                Arguments.of(2, new int[][] {{2, 2, 1}, {2, 2, 3}}),
                Arguments.of(0, new int[][] {{5}}));
    }

    @ParameterizedTest(name = "axis {0}")
    @MethodSource("concatenations")
    void concatJoinsAlongAnAxis(int axis, int[][] shapes) {
        Rng rng = new Rng(153);
        Tensor[] parts = new Tensor[shapes.length];
        for (int p = 0; p < shapes.length; p++) {
            parts[p] = RandomTensors.uniform(rng, -2, 2, shapes[p]);
        }
        int rank = shapes[0].length;
        int a = axis < 0 ? axis + rank : axis;
        CHECKER.verify("concat(" + axis + ")", in -> Variable.concat(List.of(in), axis),
                v -> concatReference(v, shapes, a), parts);
    }

    /** Element by element: the part is found from the coordinate along {@code axis}. */
    static double[] concatReference(double[][] parts, int[][] shapes, int axis) {
        int rank = shapes[0].length;
        int[] dims = shapes[0].clone();
        dims[axis] = 0;
        for (int[] s : shapes) {
            dims[axis] += s[axis];
        }
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        double[] y = new double[size];
        int[] c = new int[rank];
        for (int flat = 0; flat < size; flat++) {
            int rest = flat;
            for (int d = rank - 1; d >= 0; d--) {
                c[d] = rest % dims[d];
                rest /= dims[d];
            }
            int p = 0;
            int along = c[axis];
            while (along >= shapes[p][axis]) {
                along -= shapes[p][axis];
                p++;
            }
            int source = 0;
            for (int d = 0; d < rank; d++) {
                source = source * shapes[p][d] + (d == axis ? along : c[d]);
            }
            y[flat] = parts[p][source];
        }
        return y;
    }

    @Test
    void concatByHandAndOnlyPartsThatWantAGradientGetOne() {
        Tape tape = new Tape();
        Variable data = tape.input(Tensor.of(new float[][] {{1, 2}, {3, 4}}));
        Variable weights = Variable.parameter(Tensor.of(new float[][] {{5}, {6}}));
        Variable joined = Variable.concat(List.of(data, weights), 1);
        assertThat(joined.value().toArray2d()).isDeepEqualTo(new float[][] {{1, 2, 5}, {3, 4, 6}});
        assertThat(Variable.concat(List.of(data, data), 0).value().toArray2d())
                .isDeepEqualTo(new float[][] {{1, 2}, {3, 4}, {1, 2}, {3, 4}});
        joined.backward(Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}}));
        assertThat(weights.grad().data()).containsExactly(3, 6);
        assertThat(data.grad()).isNull();
    }

    @Test
    void concatRejectsMismatchedShapesNamingTheTensor() {
        Tape tape = Tape.noGrad();
        Variable a = tape.input(Tensor.zeros(2, 3));
        Variable b = tape.input(Tensor.zeros(2, 5));
        assertThatThrownBy(() -> Variable.concat(List.of(a, b), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("concat: tensor 1 has shape [2, 5] but tensor 0 has [2, 3]; all dimensions except axis 0 must match");
        assertThat(Variable.concat(List.of(a, b), 1).shape()).isEqualTo(Shape.of(2, 8));
        assertThatThrownBy(() -> Variable.concat(List.of(a, tape.input(Tensor.zeros(6))), 0))
                .hasMessageStartingWith("concat: tensor 1 has shape [6] but tensor 0 has [2, 3]");
        assertThatThrownBy(() -> Variable.concat(List.of(), 0))
                .hasMessage("concat: the list of tensors is empty; pass at least one");
        assertThatThrownBy(() -> Variable.concat(List.of(a, b), 2))
                .hasMessage("concat: axis 2 is out of range for shape [2, 3]; use an axis from -2 to 1");
        assertThatThrownBy(() -> Variable.concat(java.util.Arrays.asList(a, null), 0))
                .hasMessage("concat: tensor 1 of the list is null");
    }
}
