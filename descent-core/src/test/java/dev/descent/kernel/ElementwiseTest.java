package dev.descent.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The non-gemm kernels of both implementations, on lengths that hit every tail (below, at and
 * past one and two vectors) and at non-zero offsets.
 *
 * <p>Tolerances: a result that is one IEEE operation per element (add, multiply, scale, relu,
 * max, the masked add of the ReLU backward) is unique and must match the float reference
 * exactly. {@code axpy} and {@code multiplyAccumulate} may use a fused multiply-add: within
 * {@code 1e-6 × (|y| + |a·x|)}. Sums and dot products use another summation order: within
 * {@code 1e-5 × Σ|terms|}.
 */
class ElementwiseTest {
    private static final int[] SIZES = {0, 1, 7, 13, 16, 17, 31, 33, 100, 207, 1024};
    private static final int OFFSET = 3;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Kernels kernel : TestKernels.all()) {
            for (int n : SIZES) {
                cases.add(Arguments.of(kernel, n));
            }
        }
        return cases.stream();
    }

    private static float[] random(int n, long seed) {
        return ReferenceKernels.random(OFFSET + n + 5, new SplittableRandom(seed));
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void axpy(Kernels kernel, int n) {
        float[] x = random(n, 1);
        float[] y = random(n, 2);
        float[] before = y.clone();
        kernel.axpy(n, -1.25f, x, OFFSET, y, 1);
        for (int i = 0; i < y.length; i++) {
            if (i < 1 || i >= 1 + n) {
                assertThat(y[i]).isEqualTo(before[i]);
            } else {
                double term = -1.25 * x[OFFSET + i - 1];
                assertThat((double) y[i]).isCloseTo(before[i] + term,
                        offset(1e-6 * (Math.abs(before[i]) + Math.abs(term)) + 1e-30));
            }
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void scale(Kernels kernel, int n) {
        float[] x = random(n, 3);
        float[] expected = x.clone();
        for (int i = 0; i < n; i++) {
            expected[OFFSET + i] *= 0.3f;
        }
        kernel.scale(n, 0.3f, x, OFFSET);
        assertThat(x).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void addMultiplyAndInPlace(Kernels kernel, int n) {
        float[] x = random(n, 4);
        float[] y = random(n, 5);
        float[] sum = new float[n + 2];
        float[] product = new float[n + 2];
        kernel.add(n, x, OFFSET, y, 1, sum, 2);
        kernel.multiply(n, x, OFFSET, y, 1, product, 2);
        for (int i = 0; i < n; i++) {
            assertThat(sum[2 + i]).isEqualTo(x[OFFSET + i] + y[1 + i]);
            assertThat(product[2 + i]).isEqualTo(x[OFFSET + i] * y[1 + i]);
        }
        float[] inPlace = x.clone();
        kernel.add(n, inPlace, OFFSET, y, 1, inPlace, OFFSET); // x += y, as autodiff accumulates
        for (int i = 0; i < n; i++) {
            assertThat(inPlace[OFFSET + i]).isEqualTo(x[OFFSET + i] + y[1 + i]);
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void multiplyAccumulate(Kernels kernel, int n) {
        float[] x = random(n, 6);
        float[] y = random(n, 7);
        float[] out = random(n, 8);
        float[] before = out.clone();
        kernel.multiplyAccumulate(n, x, OFFSET, y, 2, out, 1);
        for (int i = 0; i < n; i++) {
            double term = (double) x[OFFSET + i] * y[2 + i];
            assertThat((double) out[1 + i]).isCloseTo(before[1 + i] + term,
                    offset(1e-6 * (Math.abs(before[1 + i]) + Math.abs(term)) + 1e-30));
        }
        assertThat(out[0]).isEqualTo(before[0]);
        assertThat(out[n + 1]).isEqualTo(before[n + 1]);
    }

    @ParameterizedTest(name = "{0} columns={1}")
    @MethodSource("cases")
    void addRowAndSumColumns(Kernels kernel, int columns) {
        int rows = 5;
        float[] matrix = random(rows * columns, 9);
        float[] row = random(columns, 10);
        float[] out = new float[OFFSET + rows * columns];
        kernel.addRow(rows, columns, matrix, OFFSET, row, 1, out, OFFSET);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                assertThat(out[OFFSET + r * columns + c]).isEqualTo(matrix[OFFSET + r * columns + c] + row[1 + c]);
            }
        }
        float[] sums = random(columns, 11);
        float[] before = sums.clone();
        kernel.sumColumnsAccumulate(rows, columns, matrix, OFFSET, sums, 2);
        for (int c = 0; c < columns; c++) {
            double exact = before[2 + c];
            double magnitude = Math.abs(before[2 + c]);
            for (int r = 0; r < rows; r++) {
                exact += matrix[OFFSET + r * columns + c];
                magnitude += Math.abs(matrix[OFFSET + r * columns + c]);
            }
            assertThat((double) sums[2 + c]).isCloseTo(exact,
                    offset(ReferenceKernels.tolerance(magnitude)));
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void reluAndBackward(Kernels kernel, int n) {
        float[] x = random(n, 12);
        if (n > 3) {
            x[OFFSET] = Float.NaN;
            x[OFFSET + 1] = -0f;
            x[OFFSET + 2] = 0f;
        }
        float[] out = new float[n];
        kernel.relu(n, x, OFFSET, out, 0);
        for (int i = 0; i < n; i++) {
            // bit patterns: NaN must stay NaN and -0 must become +0, as Math.max does
            assertThat(Float.floatToIntBits(out[i])).isEqualTo(Float.floatToIntBits(Math.max(x[OFFSET + i], 0f)));
        }
        float[] gradOut = random(n, 13);
        float[] gradIn = random(n, 14);
        float[] before = gradIn.clone();
        kernel.reluBackwardAccumulate(n, x, OFFSET, gradOut, 1, gradIn, 2);
        for (int i = 0; i < n; i++) {
            float want = x[OFFSET + i] > 0f ? before[2 + i] + gradOut[1 + i] : before[2 + i];
            assertThat(gradIn[2 + i]).isEqualTo(want);
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void reductions(Kernels kernel, int n) {
        float[] x = random(n, 15);
        float[] y = random(n, 16);
        double sum = 0;
        double sumMagnitude = 0;
        double dot = 0;
        double dotMagnitude = 0;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            sum += x[OFFSET + i];
            sumMagnitude += Math.abs(x[OFFSET + i]);
            dot += (double) x[OFFSET + i] * y[i];
            dotMagnitude += Math.abs((double) x[OFFSET + i] * y[i]);
            max = Math.max(max, x[OFFSET + i]);
        }
        assertThat((double) kernel.sum(n, x, OFFSET)).isCloseTo(sum,
                offset(ReferenceKernels.tolerance(sumMagnitude)));
        assertThat((double) kernel.dot(n, x, OFFSET, y, 0)).isCloseTo(dot,
                offset(ReferenceKernels.tolerance(dotMagnitude)));
        assertThat(kernel.max(n, x, OFFSET)).isEqualTo(max);
        if (n > 0) {
            x[OFFSET + n - 1] = Float.NaN;
            assertThat(kernel.max(n, x, OFFSET)).isNaN();
            x[OFFSET] = Float.NaN;
            assertThat(kernel.max(n, x, OFFSET)).isNaN();
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void allFiniteFindsEveryNonFiniteValueAtEveryPosition(Kernels kernel, int n) {
        float[] x = random(n, 17);
        x[OFFSET - 1] = Float.NaN; // just outside the range: must be ignored
        x[OFFSET + n] = Float.POSITIVE_INFINITY;
        assertThat(kernel.allFinite(n, x, OFFSET)).isTrue();
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            for (int i = 0; i < n; i++) {
                float kept = x[OFFSET + i];
                x[OFFSET + i] = bad;
                assertThat(kernel.allFinite(n, x, OFFSET)).as("%s at %d", bad, i).isFalse();
                x[OFFSET + i] = kept;
            }
        }
        x[OFFSET] = Float.MAX_VALUE; // large but finite: x·0 does not overflow
        assertThat(kernel.allFinite(n, x, OFFSET)).isTrue();
    }
}
