package dev.descent.kernel;

/**
 * Plain-Java kernels: the reference implementation and the fallback when the Vector API is
 * not available. Loops index input and output with the same variable where they can, which
 * lets C2 auto-vectorise them.
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
        for (int i = 0; i < m; i++) {
            int cRow = cOffset + i * ldc;
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transposeA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    float bv = transposeB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    s += av * bv;
                }
                c[cRow + j] = beta == 0f ? alpha * s : alpha * s + beta * c[cRow + j];
            }
        }
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
    public void addRow(int rows, int columns, float[] matrix, int matrixOffset, float[] row, int rowOffset,
                       float[] out, int outOffset) {
        for (int r = 0; r < rows; r++) {
            add(columns, matrix, matrixOffset + r * columns, row, rowOffset, out, outOffset + r * columns);
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
            float v = x[xOffset + i];
            out[outOffset + i] = v > 0f ? v : 0f;
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
    public float max(int n, float[] x, int xOffset) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[xOffset + i]);
        }
        return m;
    }
}
