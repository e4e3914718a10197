package dev.descent.kernel;

/**
 * The narrow set of dense float32 kernels every hot loop in Descent goes through.
 *
 * <p>Two implementations exist: {@link ScalarKernels}, plain Java that runs anywhere, and a
 * Vector API one ({@code dev.descent.kernel.simd.VectorKernels}) loaded by reflection when
 * {@code jdk.incubator.vector} is available. {@link KernelProvider} picks one at start-up.
 *
 * <p>All arrays are addressed as (array, offset); matrices are row-major with a leading
 * dimension (the distance between rows). Methods named {@code ...Accumulate} add into their
 * output; the others overwrite it. For a given implementation every result is a
 * deterministic function of the inputs, whatever the number of threads.
 */
public interface Kernels {

    /** Short name: {@code "scalar"} or {@code "vector"}. */
    String name();

    /** One line for logs and {@code descent info}: what runs and how wide. */
    String description();

    /**
     * General matrix product {@code C = alpha * op(A) * op(B) + beta * C}, where op(X) is X or
     * its transpose. op(A) is m×k, op(B) is k×n, C is m×n. With {@code beta == 0} the previous
     * contents of C are ignored (even NaN). Large products use {@link ComputeThreads}.
     */
    void gemm(boolean transposeA, boolean transposeB, int m, int n, int k,
              float alpha, float[] a, int aOffset, int lda,
              float[] b, int bOffset, int ldb,
              float beta, float[] c, int cOffset, int ldc);

    /** {@code y[i] += alpha * x[i]}. */
    void axpy(int n, float alpha, float[] x, int xOffset, float[] y, int yOffset);

    /** {@code x[i] *= alpha}. */
    void scale(int n, float alpha, float[] x, int xOffset);

    /** {@code out[i] = x[i] + y[i]}. */
    void add(int n, float[] x, int xOffset, float[] y, int yOffset, float[] out, int outOffset);

    /** {@code out[i] = x[i] * y[i]}. */
    void multiply(int n, float[] x, int xOffset, float[] y, int yOffset, float[] out, int outOffset);

    /** {@code out[i] += x[i] * y[i]}. */
    void multiplyAccumulate(int n, float[] x, int xOffset, float[] y, int yOffset, float[] out, int outOffset);

    /** Broadcast add of a row: {@code out[r][c] = matrix[r][c] + row[c]} over a rows×columns block. */
    default void addRow(int rows, int columns, float[] matrix, int matrixOffset, float[] row, int rowOffset,
                        float[] out, int outOffset) {
        for (int r = 0; r < rows; r++) {
            add(columns, matrix, matrixOffset + r * columns, row, rowOffset, out, outOffset + r * columns);
        }
    }

    /** Column sums added to {@code out}: {@code out[c] += sum_r matrix[r][c]} (bias gradients). */
    void sumColumnsAccumulate(int rows, int columns, float[] matrix, int matrixOffset, float[] out, int outOffset);

    /** {@code out[i] = max(x[i], 0)}. */
    void relu(int n, float[] x, int xOffset, float[] out, int outOffset);

    /** {@code gradIn[i] += x[i] > 0 ? gradOut[i] : 0}: the ReLU backward, {@code x} its input or output. */
    void reluBackwardAccumulate(int n, float[] x, int xOffset, float[] gradOut, int gradOutOffset,
                                float[] gradIn, int gradInOffset);

    /** Sum of {@code x[offset .. offset+n)}. */
    float sum(int n, float[] x, int xOffset);

    /** Dot product of two ranges. */
    float dot(int n, float[] x, int xOffset, float[] y, int yOffset);

    /** True when no value of the range is NaN or infinite. */
    boolean allFinite(int n, float[] x, int xOffset);

    /** Largest value of a range ({@code -Infinity} for n = 0; NaN if any value is NaN). */
    float max(int n, float[] x, int xOffset);

    /**
     * One plain SGD step over a parameter, fused: {@code w[i] ← w[i] + (s·g[i])·f} with
     * {@code f = −α}, rounding each product and sum separately (no fused multiply-add), so it
     * equals the unfused update bit for bit.
     */
    default void sgdStep(int n, float[] g, float gradientScale, float[] w, float factor) {
        for (int i = 0; i < n; i++) {
            w[i] += (g[i] * gradientScale) * factor;
        }
    }

    /**
     * One SGD-with-momentum step over a parameter, fused (PyTorch's form after its first step):
     * {@code b[i] ← flush(b[i]·μ + keep·(s·g[i]))}, then {@code w[i] ← w[i] + b[i]·f}, where
     * flush sends subnormal values to zero ({@link FlushToZero}). Separate roundings, as {@link #sgdStep}.
     */
    default void momentumStep(int n, float[] g, float gradientScale, float[] b, float mu, float keep, float[] w,
                              float factor) {
        for (int i = 0; i < n; i++) {
            float bi = b[i] * mu + keep * (g[i] * gradientScale);
            bi = FlushToZero.flush(bi);
            b[i] = bi;
            w[i] += bi * factor;
        }
    }
}
