package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** matmul (all transpose combinations) and the fused linear layer against finite differences. */
class MatrixOpsGradientTest {
    private static final GradientChecker CHECKER = GradientChecker.standard();

    /** Element (i, j) of op(x), where x is stored rows × columns and op transposes when asked. */
    private static double at(double[] x, int columns, boolean transposed, int i, int j) {
        return transposed ? x[j * columns + i] : x[i * columns + j];
    }

    /** op(a) · op(b) in double, a stored [aRows, aColumns], b stored [bRows, bColumns]. */
    static double[] matmul(double[] a, int aRows, int aColumns, boolean ta,
                           double[] b, int bRows, int bColumns, boolean tb) {
        int m = ta ? aColumns : aRows;
        int k = ta ? aRows : aColumns;
        int n = tb ? bRows : bColumns;
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += at(a, aColumns, ta, i, p) * at(b, bColumns, tb, p, j);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    @ParameterizedTest(name = "transposeA={0}, transposeB={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void matmulWithEveryTransposeCombination(boolean ta, boolean tb) {
        // op(a) is 3×4 and op(b) is 4×5: no dimension equals another, so a swapped index shows.
        int m = 3;
        int k = 4;
        int n = 5;
        Rng rng = new Rng(11);
        int[] aDims = ta ? new int[] {k, m} : new int[] {m, k};
        int[] bDims = tb ? new int[] {n, k} : new int[] {k, n};
        Tensor a = RandomTensors.uniform(rng, -1, 1, aDims);
        Tensor b = RandomTensors.uniform(rng, -1, 1, bDims);

        GradientChecker.Report report = CHECKER.verify("matmul(" + ta + ", " + tb + ")",
                in -> MatrixOps.matmul(in[0], ta, in[1], tb),
                x -> matmul(x[0], aDims[0], aDims[1], ta, x[1], bDims[0], bDims[1], tb), a, b);
        assertThat(report.comparisons()).isGreaterThan(m * n + a.size() + b.size());
    }

    @Test
    void matmulShorthandIsThePlainProduct() {
        Rng rng = new Rng(12);
        Tensor a = RandomTensors.uniform(rng, -1, 1, 2, 3);
        Tensor b = RandomTensors.uniform(rng, -1, 1, 3, 4);
        CHECKER.verify("a.matmul(b)", in -> in[0].matmul(in[1]),
                x -> matmul(x[0], 2, 3, false, x[1], 3, 4, false), a, b);
    }

    @Property(tries = 40)
    void matmulGradientsHoldForAnyShape(@ForAll @IntRange(min = 1, max = 6) int m,
                                        @ForAll @IntRange(min = 1, max = 6) int k,
                                        @ForAll @IntRange(min = 1, max = 6) int n,
                                        @ForAll boolean ta, @ForAll boolean tb,
                                        @ForAll long seed) {
        Rng rng = new Rng(seed);
        int[] aDims = ta ? new int[] {k, m} : new int[] {m, k};
        int[] bDims = tb ? new int[] {n, k} : new int[] {k, n};
        Tensor a = RandomTensors.uniform(rng, -2, 2, aDims);
        Tensor b = RandomTensors.uniform(rng, -2, 2, bDims);
        CHECKER.verify("matmul", in -> MatrixOps.matmul(in[0], ta, in[1], tb),
                x -> matmul(x[0], aDims[0], aDims[1], ta, x[1], bDims[0], bDims[1], tb), a, b);
    }

    @Test
    void matmulOfAVariableWithItselfSumsBothContributions() {
        Tensor a = RandomTensors.uniform(new Rng(13), -1, 1, 3, 3);
        CHECKER.verify("x·x", in -> in[0].matmul(in[0]), x -> matmul(x[0], 3, 3, false, x[0], 3, 3, false), a);
        CHECKER.verify("xᵀ·x", in -> MatrixOps.matmul(in[0], true, in[0], false),
                x -> matmul(x[0], 3, 3, true, x[0], 3, 3, false), a);
    }

    /** x · Wᵀ + b with x [batch, in], W [out, in], b [out] (or none). */
    static double[] linear(double[] x, double[] w, double[] b, int batch, int in, int out) {
        double[] y = matmul(x, batch, in, false, w, out, in, true);
        if (b != null) {
            for (int r = 0; r < batch; r++) {
                for (int j = 0; j < out; j++) {
                    y[r * out + j] += b[j];
                }
            }
        }
        return y;
    }

    @Test
    void linearWithBias() {
        Rng rng = new Rng(14);
        Tensor x = RandomTensors.uniform(rng, -1, 1, 5, 4);
        Tensor w = RandomTensors.uniform(rng, -1, 1, 3, 4);
        Tensor b = RandomTensors.uniform(rng, -1, 1, 3);
        CHECKER.verify("linear", in -> MatrixOps.linear(in[0], in[1], in[2]),
                v -> linear(v[0], v[1], v[2], 5, 4, 3), x, w, b);
    }

    @Test
    void linearWithoutBias() {
        Rng rng = new Rng(15);
        Tensor x = RandomTensors.uniform(rng, -1, 1, 2, 6);
        Tensor w = RandomTensors.uniform(rng, -1, 1, 3, 6);
        CHECKER.verify("linear(no bias)", in -> MatrixOps.linear(in[0], in[1], null),
                v -> linear(v[0], v[1], null, 2, 6, 3), x, w);
    }

    @Test
    void linearWithAFrozenBiasStillDifferentiatesInputAndWeight() {
        Rng rng = new Rng(16);
        Tensor x = RandomTensors.uniform(rng, -1, 1, 2, 3);
        Tensor w = RandomTensors.uniform(rng, -1, 1, 4, 3);
        Tensor b = RandomTensors.uniform(rng, -1, 1, 4);
        Variable frozen = Variable.constant(b);
        CHECKER.verify("linear(frozen bias)", in -> MatrixOps.linear(in[0], in[1], frozen),
                v -> linear(v[0], v[1], RandomTensors.toDouble(b), 2, 3, 4), x, w);
        assertThat(frozen.grad()).isNull();
    }

    @Test
    void shapeErrorsNameTheShapes() {
        Tape tape = new Tape();
        Variable a = tape.input(Tensor.zeros(2, 3));
        Variable b = tape.input(Tensor.zeros(4, 5));
        assertThatThrownBy(() -> MatrixOps.matmul(a, b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> MatrixOps.matmul(a, false, b, true))
                .hasMessageContaining("[4, 5]ᵀ").hasMessageContaining("3 vs 5");
        assertThatThrownBy(() -> MatrixOps.matmul(tape.input(Tensor.zeros(2, 3, 4)), b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3, 4]").hasMessageContaining("flatten");
        Variable w = Variable.parameter(Tensor.zeros(4, 2));
        assertThatThrownBy(() -> MatrixOps.linear(a, w, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4, 2]");
        Variable w3 = Variable.parameter(Tensor.zeros(4, 3));
        assertThatThrownBy(() -> MatrixOps.linear(a, w3, Variable.parameter(Tensor.zeros(3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bias must have shape [4]");
    }
}
