package dev.descent.kernel;

/**
 * Plain-Java kernels: the reference implementation and the fallback when the Vector API is
 * not available. Loops index input and output with the same variable where they can, which
 * lets C2 auto-vectorise them; the matrix product is cache-blocked and packed
 * ({@link ScalarGemm}) and uses {@link ComputeThreads} for large products.
 */
public final class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public String description() {
        return "scalar (plain Java loops)";
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, int m, int n, int k,
                     float alpha, float[] a, int aOffset, int lda,
                     float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc) {
        ScalarGemm.gemm(transposeA, transposeB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                beta, c, cOffset, ldc);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOffset, float[] y, int yOffset) {
        for (int i = 0; i < n; i++) {
            y[yOffset + i] += alpha * x[xOffset + i];
        }
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOffset) {
        for (int i = 0; i < n; i++) {
            x[xOffset + i] *= alpha;
        }
    }

    @Override
    public void add(int n, float[] x, int xOffset, float[] y, int yOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = x[xOffset + i] + y[yOffset + i];
        }
    }

    @Override
    public void multiply(int n, float[] x, int xOffset, float[] y, int yOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = x[xOffset + i] * y[yOffset + i];
        }
    }

    @Override
    public void multiplyAccumulate(int n, float[] x, int xOffset, float[] y, int yOffset,
                                   float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] += x[xOffset + i] * y[yOffset + i];
        }
    }

    @Override
    public void sumColumnsAccumulate(int rows, int columns, float[] matrix, int matrixOffset,
                                     float[] out, int outOffset) {
        for (int r = 0; r < rows; r++) {
            axpy(columns, 1f, matrix, matrixOffset + r * columns, out, outOffset);
        }
    }

    @Override
    public void relu(int n, float[] x, int xOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = Math.max(x[xOffset + i], 0f); // NaN stays NaN, as in the vector kernels
        }
    }

    @Override
    public void reluBackwardAccumulate(int n, float[] x, int xOffset, float[] gradOut, int gradOutOffset,
                                       float[] gradIn, int gradInOffset) {
        for (int i = 0; i < n; i++) {
            gradIn[gradInOffset + i] += x[xOffset + i] > 0f ? gradOut[gradOutOffset + i] : 0f;
        }
    }

    @Override
    public float sum(int n, float[] x, int xOffset) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += x[xOffset + i];
        }
        return s;
    }

    @Override
    public float dot(int n, float[] x, int xOffset, float[] y, int yOffset) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += x[xOffset + i] * y[yOffset + i];
        }
        return s;
    }

    @Override
    public boolean allFinite(int n, float[] x, int xOffset) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(x[xOffset + i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public float max(int n, float[] x, int xOffset) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[xOffset + i]);
        }
        return m;
    }
}
