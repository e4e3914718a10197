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
 * sum, mean and max along an axis (with and without keepDim, negative axes too) against finite
 * differences of a double reference, and whole-tensor max; then the cases finite differences
 * cannot judge (ties, NaN, empty axes) against PyTorch's rules.
 */
class AxisReductionTest {
    private static final GradientChecker CHECKER = GradientChecker.standard();

    enum Reduction { SUM, MEAN, MAX }

    /** Every axis of ranks 1 to 4, as positive and negative numbers, with keepDim on and off. */
    static Stream<Arguments> axes() {
        int[][] shapes = {{7}, {3, 4}, {2, 3, 4}, {2, 1, 3, 2}};
        List<Arguments> cases = new ArrayList<>();
        for (Reduction reduction : Reduction.values()) {
            for (int[] dims : shapes) {
                for (int axis = -dims.length; axis < dims.length; axis++) {
                    for (boolean keepDim : new boolean[] {false, true}) {
                        cases.add(Arguments.of(reduction, dims, axis, keepDim));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} of {1} along {2}, keepDim {3}")
    @MethodSource("axes")
    void alongAnAxis(Reduction reduction, int[] dims, int axis, boolean keepDim) {
        Tensor x = RandomTensors.uniform(new Rng(141), -2, 2, dims);
        int a = axis < 0 ? axis + dims.length : axis;
        int[] expectedDims = reducedDims(dims, a, keepDim);
        CHECKER.verify(reduction + "(" + axis + ", " + keepDim + ")", in -> {
            Variable y = switch (reduction) {
                case SUM -> in[0].sum(axis, keepDim);
                case MEAN -> in[0].mean(axis, keepDim);
                case MAX -> in[0].max(axis, keepDim);
            };
            assertThat(y.shape()).isEqualTo(Shape.of(expectedDims));
            return y;
        }, v -> reduce(reduction, v[0], dims, a), x);
    }

    private static int[] reducedDims(int[] dims, int axis, boolean keepDim) {
        int[] out = new int[keepDim ? dims.length : dims.length - 1];
        for (int d = 0, o = 0; d < dims.length; d++) {
            if (d != axis) {
                out[o++] = dims[d];
            } else if (keepDim) {
                out[o++] = 1;
            }
        }
        return out;
    }

    /** The reduction in double, element by element from coordinates: no [before, length, after] shortcut. */
    static double[] reduce(Reduction reduction, double[] x, int[] dims, int axis) {
        int size = x.length / dims[axis];
        double[] out = new double[size];
        java.util.Arrays.fill(out, reduction == Reduction.MAX ? Double.NEGATIVE_INFINITY : 0);
        int[] coordinates = new int[dims.length];
        for (int flat = 0; flat < x.length; flat++) {
            int rest = flat;
            for (int d = dims.length - 1; d >= 0; d--) {
                coordinates[d] = rest % dims[d];
                rest /= dims[d];
            }
            int target = 0;
            for (int d = 0; d < dims.length; d++) {
                if (d != axis) {
                    target = target * dims[d] + coordinates[d];
                }
            }
            out[target] = reduction == Reduction.MAX ? Math.max(out[target], x[flat]) : out[target] + x[flat];
        }
        if (reduction == Reduction.MEAN) {
            for (int i = 0; i < size; i++) {
                out[i] /= dims[axis];
            }
        }
        return out;
    }

    @Test
    void wholeTensorMax() {
        for (int[] dims : new int[][] {{}, {7}, {3, 4}, {2, 3, 4}}) {
            Tensor x = RandomTensors.uniform(new Rng(142), -2, 2, dims);
            CHECKER.verify("max()" + Shape.of(dims), in -> {
                Variable y = in[0].max();
                assertThat(y.shape()).isEqualTo(Shape.of());
                return y;
            }, v -> new double[] {java.util.Arrays.stream(v[0]).max().orElseThrow()}, x);
        }
    }

    @Test
    void handComputedValuesMatchPyTorch() {
        Tape tape = Tape.noGrad();
        Variable x = tape.input(Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}}));
        assertThat(x.sum(0).value().data()).containsExactly(5, 7, 9);
        assertThat(x.sum(1).value().data()).containsExactly(6, 15);
        assertThat(x.sum(-1, true).shape()).isEqualTo(Shape.of(2, 1));
        assertThat(x.mean(0).value().data()).containsExactly(2.5f, 3.5f, 4.5f);
        assertThat(x.mean(1, true).value().data()).containsExactly(2f, 5f);
        assertThat(x.max(1).value().data()).containsExactly(3, 6);
        assertThat(x.max(0, true).shape()).isEqualTo(Shape.of(1, 3));
        assertThat(x.max().item()).isEqualTo(6f);
        // keepDim keeps the result broadcastable against its input, as in x - x.mean(1, keepdim=True)
        Variable centred = x.sub(x.mean(0, true));
        assertThat(centred.value().data()).containsExactly(-1.5f, -1.5f, -1.5f, 1.5f, 1.5f, 1.5f);
    }

    @Test
    void maxAlongAnAxisGivesTheGradientToTheFirstOfTiedValues() {
        Variable x = Variable.parameter(Tensor.of(new float[][] {{3, 1, 3}, {2, 2, 2}, {0, 5, 5}}));
        Variable y = x.add(new Tape().input(Tensor.scalar(0f))).max(1);
        assertThat(y.value().data()).containsExactly(3, 2, 5);
        assertThat(x.value().argmax(1)).containsExactly(0, 0, 1);
        y.backward(Tensor.of(new float[] {1, 2, 3}, 3));
        assertThat(x.grad().toArray2d()).isDeepEqualTo(new float[][] {{1, 0, 0}, {2, 0, 0}, {0, 3, 0}});
    }

    @Test
    void maxAlongAnAxisTreatsNaNAsTheLargest() {
        float nan = Float.NaN;
        Variable x = Variable.parameter(Tensor.of(new float[][] {{1, nan, 3, nan}, {4, 9, 6, 7}}));
        Variable y = x.add(new Tape().input(Tensor.scalar(0f))).max(-1);
        assertThat(y.value().data()).containsExactly(nan, 9);
        y.sum().backward();
        assertThat(x.grad().data()).containsExactly(0, 1, 0, 0, 0, 1, 0, 0);
    }

    @Test
    void wholeMaxSharesTheGradientAmongTiesAsPyTorch() {
        Variable x = Variable.parameter(Tensor.of(new float[] {1, 4, 4, -2, 4}, 5));
        Variable y = x.add(new Tape().input(Tensor.scalar(0f))).max();
        assertThat(y.item()).isEqualTo(4f);
        y.backward(Tensor.scalar(3f));
        assertThat(x.grad().data()).containsExactly(0, 1, 1, 0, 1);
    }

    @Test
    void wholeMaxWithNaNIsNaNAndSharesTheGradientAmongTheNaNs() {
        float nan = Float.NaN;
        Variable x = Variable.parameter(Tensor.of(new float[] {nan, 4, nan, 9}, 4));
        Variable y = x.add(new Tape().input(Tensor.scalar(0f))).max();
        assertThat(y.item()).isNaN();
        y.backward();
        assertThat(x.grad().data()).containsExactly(0.5f, 0, 0.5f, 0);
    }

    @Test
    void emptyAxesSumToZeroButHaveNoMeanOrMax() {
        Tape tape = new Tape();
        Variable x = tape.input(Tensor.zeros(2, 0));
        assertThat(x.sum(1).value().data()).containsExactly(0, 0);
        assertThat(x.sum(0).shape()).isEqualTo(Shape.of(0));
        assertThat(x.max(0).shape()).isEqualTo(Shape.of(0));
        assertThat(x.mean(0, true).shape()).isEqualTo(Shape.of(1, 0));
        assertThatThrownBy(() -> x.mean(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mean: axis 1 of shape [2, 0] is empty, so it has no mean; drop the empty tensor or use sum");
        assertThatThrownBy(() -> x.max(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max: axis -1 of shape [2, 0] is empty; there is no largest value");
        assertThatThrownBy(x::max)
                .hasMessage("max: the tensor [2, 0] is empty; it has no largest value");
    }

    @Test
    void gradientsFlowThroughAnEmptySum() {
        Variable x = Variable.parameter(Tensor.zeros(3, 0));
        Variable y = x.add(new Tape().input(Tensor.scalar(0f))).sum(1);
        y.backward(Tensor.of(new float[] {1, 2, 3}, 3));
        assertThat(x.grad().shape()).isEqualTo(Shape.of(3, 0));
    }

    @Test
    void axesOutOfRangeAreNamedWithTheShapeAndTheAllowedRange() {
        Variable x = Tape.noGrad().input(Tensor.zeros(2, 3));
        assertThatThrownBy(() -> x.sum(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sum: axis 2 is out of range for shape [2, 3]; use an axis from -2 to 1");
        assertThatThrownBy(() -> x.mean(-3, true)).hasMessageStartingWith("mean: axis -3 is out of range");
        assertThatThrownBy(() -> x.max(5)).hasMessageStartingWith("max: axis 5 is out of range");
        assertThatThrownBy(() -> Tape.noGrad().input(Tensor.scalar(1f)).sum(0))
                .hasMessageContaining("a scalar has no axes");
    }

    @Test
    void recyclingTapesReuseTheAxisReductionsStepsAndGiveTheSameGradients() {
        Tensor data = RandomTensors.uniform(new Rng(143), -2, 2, 3, 4);
        Variable w = Variable.parameter(RandomTensors.uniform(new Rng(144), -1, 1, 3, 4));
        float[][] gradients = new float[2][];
        Tape tape = Tape.recycling();
        for (int step = 0; step < 2; step++) {
            tape.reset();
            w.zeroGrad();
            Variable x = tape.input(data).mul(w);
            x.sum(0).add(x.mean(1, true).sum(0)).max(0, false).add(x.max(1).sum()).backward();
            gradients[step] = w.grad().data().clone();
        }
        assertThat(gradients[1]).containsExactly(gradients[0]);
    }
}
