package dev.descent.kernel.simd;

import dev.descent.kernel.FlushToZero;
import dev.descent.kernel.Kernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} written with the Vector API ({@code jdk.incubator.vector}), using the widest
 * float vectors the CPU has ({@link FloatVector#SPECIES_PREFERRED}).
 *
 * <p>Loaded only by reflection from {@link dev.descent.kernel.KernelProvider}: without
 * {@code --add-modules jdk.incubator.vector} this class cannot even be loaded. Elementwise
 * methods run a vector loop over whole vectors and a scalar loop over the rest; reductions keep
 * several vector accumulators, so their summation order differs from
 * {@link dev.descent.kernel.ScalarKernels} (results agree to rounding). Lanes are summed in a
 * fixed order ({@link Lanes}) so that results never depend on the JIT tier.
 */
public final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Public for the reflective lookup; obtain instances from {@code KernelProvider}. */
    public VectorKernels() {
    }

    /** Float lanes per vector (16 with AVX-512, 8 with AVX2, 4 with NEON). */
    public static int lanes() {
        return L;
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String description() {
        return "vector (Vector API, " + L + " float lanes, " + instructionSet(S.vectorBitSize())
                + ", GEMM tile " + VectorGemm.MR + "×" + VectorGemm.NR + ")";
    }

    private static String instructionSet(int bits) {
        String arch = System.getProperty("os.arch", "");
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            return bits >= 512 ? "AVX-512" : bits >= 256 ? "AVX2" : "SSE";
        }
        if (arch.equals("aarch64")) {
            return bits > 128 ? "SVE " + bits + "-bit" : "NEON";
        }
        return bits + "-bit";
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, int m, int n, int k,
                     float alpha, float[] a, int aOffset, int lda,
                     float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc) {
        VectorGemm.gemm(transposeA, transposeB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                beta, c, cOffset, ldc);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOffset, float[] y, int yOffset) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOffset + i)
                    .fma(va, FloatVector.fromArray(S, y, yOffset + i))
                    .intoArray(y, yOffset + i);
        }
        for (; i < n; i++) {
            y[yOffset + i] += alpha * x[xOffset + i];
        }
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOffset) {
        scaleRange(n, alpha, x, xOffset);
    }

    static void scaleRange(int n, float alpha, float[] x, int xOffset) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOffset + i).mul(alpha).intoArray(x, xOffset + i);
        }
        for (; i < n; i++) {
            x[xOffset + i] *= alpha;
        }
    }

    @Override
    public void add(int n, float[] x, int xOffset, float[] y, int yOffset, float[] out, int outOffset) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOffset + i)
                    .add(FloatVector.fromArray(S, y, yOffset + i))
                    .intoArray(out, outOffset + i);
        }
        for (; i < n; i++) {
            out[outOffset + i] = x[xOffset + i] + y[yOffset + i];
        }
    }

    @Override
    public void multiply(int n, float[] x, int xOffset, float[] y, int yOffset, float[] out, int outOffset) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOffset + i)
                    .mul(FloatVector.fromArray(S, y, yOffset + i))
                    .intoArray(out, outOffset + i);
        }
        for (; i < n; i++) {
            out[outOffset + i] = x[xOffset + i] * y[yOffset + i];
        }
    }

    @Override
    public void multiplyAccumulate(int n, float[] x, int xOffset, float[] y, int yOffset,
                                   float[] out, int outOffset) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOffset + i)
                    .fma(FloatVector.fromArray(S, y, yOffset + i), FloatVector.fromArray(S, out, outOffset + i))
                    .intoArray(out, outOffset + i);
        }
        for (; i < n; i++) {
            out[outOffset + i] += x[xOffset + i] * y[yOffset + i];
        }
    }

    @Override
    public void sumColumnsAccumulate(int rows, int columns, float[] matrix, int matrixOffset,
                                     float[] out, int outOffset) {
        // Sum a strip of columns over all rows in registers, then add it to out once.
        int j = 0;
        for (int bound = S.loopBound(columns); j < bound; j += L) {
            FloatVector s = FloatVector.zero(S);
            for (int r = 0; r < rows; r++) {
                s = s.add(FloatVector.fromArray(S, matrix, matrixOffset + r * columns + j));
            }
            s.add(FloatVector.fromArray(S, out, outOffset + j)).intoArray(out, outOffset + j);
        }
        for (; j < columns; j++) {
            float s = 0f;
            for (int r = 0; r < rows; r++) {
                s += matrix[matrixOffset + r * columns + j];
            }
            out[outOffset + j] += s;
        }
    }

    @Override
    public void relu(int n, float[] x, int xOffset, float[] out, int outOffset) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOffset + i).max(0f).intoArray(out, outOffset + i);
        }
        for (; i < n; i++) {
            out[outOffset + i] = Math.max(x[xOffset + i], 0f);
        }
    }

    @Override
    public void reluBackwardAccumulate(int n, float[] x, int xOffset, float[] gradOut, int gradOutOffset,
                                       float[] gradIn, int gradInOffset) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            VectorMask<Float> positive = FloatVector.fromArray(S, x, xOffset + i).compare(VectorOperators.GT, 0f);
            FloatVector.fromArray(S, gradIn, gradInOffset + i)
                    .add(FloatVector.fromArray(S, gradOut, gradOutOffset + i), positive)
                    .intoArray(gradIn, gradInOffset + i);
        }
        for (; i < n; i++) {
            if (x[xOffset + i] > 0f) {
                gradIn[gradInOffset + i] += gradOut[gradOutOffset + i];
            }
        }
    }

    @Override
    public float sum(int n, float[] x, int xOffset) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        int i = 0;
        for (int bound = n - 2 * L + 1; i < bound; i += 2 * L) {
            s0 = s0.add(FloatVector.fromArray(S, x, xOffset + i));
            s1 = s1.add(FloatVector.fromArray(S, x, xOffset + i + L));
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            s0 = s0.add(FloatVector.fromArray(S, x, xOffset + i));
        }
        float s = Lanes.sum(s0.add(s1));
        for (; i < n; i++) {
            s += x[xOffset + i];
        }
        return s;
    }

    @Override
    public float dot(int n, float[] x, int xOffset, float[] y, int yOffset) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        int i = 0;
        for (int bound = n - 2 * L + 1; i < bound; i += 2 * L) {
            s0 = FloatVector.fromArray(S, x, xOffset + i).fma(FloatVector.fromArray(S, y, yOffset + i), s0);
            s1 = FloatVector.fromArray(S, x, xOffset + i + L).fma(FloatVector.fromArray(S, y, yOffset + i + L), s1);
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            s0 = FloatVector.fromArray(S, x, xOffset + i).fma(FloatVector.fromArray(S, y, yOffset + i), s0);
        }
        float s = Lanes.sum(s0.add(s1));
        for (; i < n; i++) {
            s += x[xOffset + i] * y[yOffset + i];
        }
        return s;
    }

    /**
     * x·0 is 0 (or -0) for finite x and NaN for NaN and ±infinity, so the sum of x·0 over the
     * range is NaN exactly when some value is not finite, in any order of addition; hence the
     * intrinsic {@code reduceLanes}. Replaces a dot product with zeros, whose deterministic lane
     * sum boxed two vectors per call after C2 compiled it (576 bytes per MLP training step).
     */
    @Override
    public boolean allFinite(int n, float[] x, int xOffset) {
        // x·0 + acc is NaN once any x was NaN or infinite. Four independent sums: one sum waited
        // on the latency of each multiply-add, which made this scan a quarter of a batch-1
        // training step (the trainer checks every gradient every step).
        FloatVector zero = FloatVector.zero(S);
        FloatVector acc0 = zero;
        FloatVector acc1 = zero;
        FloatVector acc2 = zero;
        FloatVector acc3 = zero;
        int i = 0;
        for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
            acc0 = FloatVector.fromArray(S, x, xOffset + i).fma(zero, acc0);
            acc1 = FloatVector.fromArray(S, x, xOffset + i + L).fma(zero, acc1);
            acc2 = FloatVector.fromArray(S, x, xOffset + i + 2 * L).fma(zero, acc2);
            acc3 = FloatVector.fromArray(S, x, xOffset + i + 3 * L).fma(zero, acc3);
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            acc0 = FloatVector.fromArray(S, x, xOffset + i).fma(zero, acc0);
        }
        float tail = acc0.add(acc1).add(acc2).add(acc3).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            tail += x[xOffset + i] * 0f;
        }
        return tail == tail;
    }

    @Override
    public float max(int n, float[] x, int xOffset) {
        FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            m = m.max(FloatVector.fromArray(S, x, xOffset + i));
        }
        float result = m.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            result = Math.max(result, x[xOffset + i]);
        }
        return result;
    }

    @Override
    public void sgdStep(int n, float[] g, float gradientScale, float[] w, float factor) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector step = FloatVector.fromArray(S, g, i).mul(gradientScale).mul(factor);
            FloatVector.fromArray(S, w, i).add(step).intoArray(w, i);
        }
        for (; i < n; i++) {
            w[i] += (g[i] * gradientScale) * factor;
        }
    }

    @Override
    public void momentumStep(int n, float[] g, float gradientScale, float[] b, float mu, float keep, float[] w,
                             float factor) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector gradient = FloatVector.fromArray(S, g, i).mul(gradientScale).mul(keep);
            FloatVector buffer = FloatVector.fromArray(S, b, i).mul(mu).add(gradient);
            buffer = buffer.blend(0f, buffer.abs().lt(FlushToZero.THRESHOLD));
            buffer.intoArray(b, i);
            FloatVector.fromArray(S, w, i).add(buffer.mul(factor)).intoArray(w, i);
        }
        for (; i < n; i++) {
            float bi = b[i] * mu + keep * (g[i] * gradientScale);
            bi = FlushToZero.flush(bi);
            b[i] = bi;
            w[i] += bi * factor;
        }
    }
}
