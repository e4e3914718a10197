package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.random.Rng;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** gather as torch.gather: hand-computed values, finite-difference gradients (repeated picks too), errors. */
class GatherOpsTest {
    private static final GradientChecker CHECKER = GradientChecker.standard();

    @Test
    void theExampleOfPyTorchsDocumentation() {
        // torch.gather(torch.tensor([[1, 2], [3, 4]]), 1, torch.tensor([[0, 0], [1, 0]])) = [[1, 1], [4, 3]]
        Variable t = Tape.noGrad().input(Tensor.of(new float[][] {{1, 2}, {3, 4}}));
        Variable y = t.gather(1, new int[] {0, 0, 1, 0}, 2, 2);
        assertThat(y.value().toArray2d()).isDeepEqualTo(new float[][] {{1, 1}, {4, 3}});
        // along axis 0: y[i][j] = t[index[i][j]][j]
        assertThat(t.gather(0, new int[] {1, 0}, 1, 2).value().data()).containsExactly(3, 2);
    }

    @Test
    void pickingEachRowsLabelScore() {
        Variable logits = Tape.noGrad().input(Tensor.of(new float[][] {{0.1f, 0.7f, 0.2f}, {0.5f, 0.3f, 0.2f}}));
        int[] labels = {1, 2};
        Variable picked = logits.gather(1, labels, 2, 1);
        assertThat(picked.shape()).isEqualTo(Shape.of(2, 1));
        assertThat(picked.value().data()).containsExactly(0.7f, 0.2f);
    }

    @Test
    void gradientsAlongTheLastAxisWithRepeatedPicks() {
        Tensor x = RandomTensors.uniform(new Rng(161), -2, 2, 3, 4);
        int[] index = {3, 3, 0, 1, 2, 1, 0, 0, 2}; // [3, 3]: rows pick columns, some twice
        CHECKER.verify("gather(1)", in -> in[0].gather(1, index, 3, 3),
                v -> gatherReference(v[0], new int[] {3, 4}, 1, index, new int[] {3, 3}), x);
    }

    @Test
    void gradientsAlongTheFirstAxisWithASmallerIndex() {
        // the index [2, 3] is smaller than the input [3, 4] along the other axis, as torch allows
        Tensor x = RandomTensors.uniform(new Rng(162), -2, 2, 3, 4);
        int[] index = {2, 0, 1, 2, 0, 0, 2, 1};
        int[] indexDims = {2, 4};
        CHECKER.verify("gather(0)", in -> in[0].gather(0, index, indexDims),
                v -> gatherReference(v[0], new int[] {3, 4}, 0, index, indexDims), x);
        int[] narrowIndex = {1, 0, 2, 2};
        CHECKER.verify("gather(1) smaller", in -> in[0].gather(-1, narrowIndex, 2, 2),
                v -> gatherReference(v[0], new int[] {3, 4}, 1, narrowIndex, new int[] {2, 2}), x);
    }

    @Test
    void gradientsInThreeDimensions() {
        int[] dims = {2, 3, 4};
        Tensor x = RandomTensors.uniform(new Rng(163), -2, 2, dims);
        Rng rng = new Rng(164);
        int[] indexDims = {2, 5, 3};
        int[] index = new int[30];
        for (int i = 0; i < index.length; i++) {
            index[i] = (int) (rng.nextDouble() * 3);
        }
        CHECKER.verify("gather 3-d", in -> in[0].gather(1, index, indexDims),
                v -> gatherReference(v[0], dims, 1, index, indexDims), x);
    }

    /** y[c] = x[c with c[axis] replaced by index[c]], coordinate by coordinate. */
    static double[] gatherReference(double[] x, int[] dims, int axis, int[] index, int[] indexDims) {
        double[] y = new double[index.length];
        int[] c = new int[dims.length];
        for (int flat = 0; flat < y.length; flat++) {
            int rest = flat;
            for (int d = dims.length - 1; d >= 0; d--) {
                c[d] = rest % indexDims[d];
                rest /= indexDims[d];
            }
            int source = 0;
            for (int d = 0; d < dims.length; d++) {
                source = source * dims[d] + (d == axis ? index[flat] : c[d]);
            }
            y[flat] = x[source];
        }
        return y;
    }

    @Test
    void anEmptyIndexGivesAnEmptyResult() {
        Variable x = Tape.noGrad().input(Tensor.zeros(3, 4));
        assertThat(x.gather(1, new int[0], 3, 0).shape()).isEqualTo(Shape.of(3, 0));
    }

    @Test
    void badIndicesAreNamedWithThePositionAndTheRange() {
        Variable x = Tape.noGrad().input(Tensor.zeros(2, 3));
        assertThatThrownBy(() -> x.gather(1, new int[] {0, 3}, 2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gather: index value 3 at position [1, 0] of the index is out of range for axis 1 of size 3"
                        + " (input shape [2, 3]); use values from 0 to 2");
        assertThatThrownBy(() -> x.gather(1, new int[] {-1, 0}, 2, 1)).hasMessageContaining("index value -1");
        assertThatThrownBy(() -> x.gather(1, new int[] {0, 1}, 2))
                .hasMessage("gather: the index has shape [2] (rank 1) but the input has shape [2, 3] (rank 2);"
                        + " give the index the input's rank, e.g. [n, 1] rather than [n] to pick one per row");
        assertThatThrownBy(() -> x.gather(1, new int[] {0, 1, 2}, 2, 1))
                .hasMessage("gather: the index array holds 3 values but its dimensions [2, 1] need 2");
        assertThatThrownBy(() -> x.gather(1, new int[] {0, 1, 2}, 3, 1))
                .hasMessage("gather: the index has shape [3, 1] but the input [2, 3]; along dimension 0"
                        + " (not the gathered axis 1) the index may be at most 2, not 3");
        assertThatThrownBy(() -> x.gather(2, new int[] {0, 1}, 2, 1))
                .hasMessageStartingWith("gather: axis 2 is out of range for shape [2, 3]");
    }

    @Test
    void aRecyclingTapeReusesTheStepAndItsPositions() {
        Variable x = Variable.parameter(Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}}));
        Tape tape = Tape.recycling();
        int[][] labels = {{2, 0}, {1, 1}};
        float[][] expected = {{0, 0, 1, 1, 0, 0}, {0, 1, 0, 0, 1, 0}};
        for (int step = 0; step < 2; step++) {
            tape.reset();
            x.zeroGrad();
            x.add(tape.input(Tensor.scalar(0f))).gather(1, labels[step], 2, 1).sum().backward();
            assertThat(x.grad().data()).containsExactly(expected[step]);
        }
    }
}
