package dev.descent.autodiff;

import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.tensor.Tensor;

/** Matrix products: {@link #matmul} with optional transposes and the fused {@link #linear} layer. */
public final class MatrixOps {
    private static final Kernels K = KernelProvider.kernels();

    private MatrixOps() {
    }

    /** {@code a · b} for matrices [m, k] and [k, n]. */
    public static Variable matmul(Variable a, Variable b) {
        return matmul(a, false, b, false);
    }

    /**
     * {@code op(a) · op(b)}, where op transposes when its flag is set. The transposes are folded
     * into the kernel: no transposed copy is made.
     */
    public static Variable matmul(Variable a, boolean transposeA, Variable b, boolean transposeB) {
        String op = "matmul";
        requireMatrix(op, "first operand", a);
        requireMatrix(op, "second operand", b);
        Tensor av = a.value();
        Tensor bv = b.value();
        int m = transposeA ? av.dim(1) : av.dim(0);
        int k = transposeA ? av.dim(0) : av.dim(1);
        int kb = transposeB ? bv.dim(1) : bv.dim(0);
        int n = transposeB ? bv.dim(0) : bv.dim(1);
        if (k != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + describe(av, transposeA)
                    + " · " + describe(bv, transposeB) + " (" + k + " vs " + kb + ")");
        }
        Tape tape = Tape.of(op, a, b);
        Tensor out = tape.output(m, n);
        K.gemm(transposeA, transposeB, m, n, k, 1f, av.data(), 0, av.dim(1), bv.data(), 0, bv.dim(1),
                0f, out.data(), 0, n);
        MatmulBackward step = tape.step(MatmulBackward.class, MatmulBackward::new);
        step.a = a;
        step.b = b;
        step.transposeA = transposeA;
        step.transposeB = transposeB;
        return tape.record(out, step, a, b);
    }

    private static final class MatmulBackward implements Backward {
        Variable a;
        Variable b;
        boolean transposeA;
        boolean transposeB;

        @Override
        public void propagate(Tensor g) {
            Tensor av = a.value();
            Tensor bv = b.value();
            int m = g.dim(0);
            int n = g.dim(1);
            int k = transposeA ? av.dim(0) : av.dim(1);
            float[] gd = g.data();
            // Overwrite rather than add when a gradient is still zero: no clearing pass, no read of C.
            if (a.requiresGrad()) {
                float beta = a.gradAccumulationBeta();
                float[] ga = a.gradForOverwrite().data();
                if (!transposeA) { // dA[m,k] += dC · op(B)ᵀ
                    K.gemm(false, !transposeB, m, k, n, 1f, gd, 0, n, bv.data(), 0, bv.dim(1), beta, ga, 0, k);
                } else { // dA[k,m] += op(B) · dCᵀ
                    K.gemm(transposeB, true, k, m, n, 1f, bv.data(), 0, bv.dim(1), gd, 0, n, beta, ga, 0, m);
                }
            }
            if (b.requiresGrad()) {
                float beta = b.gradAccumulationBeta();
                float[] gb = b.gradForOverwrite().data();
                if (!transposeB) { // dB[k,n] += op(A)ᵀ · dC
                    K.gemm(!transposeA, false, k, n, m, 1f, av.data(), 0, av.dim(1), gd, 0, n, beta, gb, 0, n);
                } else { // dB[n,k] += dCᵀ · op(A)
                    K.gemm(true, transposeA, n, k, m, 1f, gd, 0, n, av.data(), 0, av.dim(1), beta, gb, 0, k);
                }
            }
        }
    }

    /**
     * The fully connected layer {@code y = x · Wᵀ + b} with PyTorch's layout: x is [batch, in],
     * the weight is [out, in] and the bias [out] (or null for none).
     */
    public static Variable linear(Variable x, Variable weight, Variable bias) {
        String op = "linear";
        requireMatrix(op, "input", x);
        requireMatrix(op, "weight", weight);
        Tensor xv = x.value();
        Tensor wv = weight.value();
        int batch = xv.dim(0);
        int in = xv.dim(1);
        int out = wv.dim(0);
        if (wv.dim(1) != in) {
            throw new IllegalArgumentException("linear: input has " + in + " features per row (shape "
                    + xv.shape() + ") but the weight " + wv.shape() + " expects " + wv.dim(1));
        }
        if (bias != null && (bias.value().size() != out || bias.value().rank() != 1)) {
            throw new IllegalArgumentException("linear: bias must have shape [" + out + "], not "
                    + bias.value().shape());
        }
        Tape tape = bias == null ? Tape.of(op, x, weight) : Tape.of(op, x, weight, bias);
        Tensor y = tape.output(batch, out);
        float[] yd = y.data();
        K.gemm(false, true, batch, out, in, 1f, xv.data(), 0, in, wv.data(), 0, in, 0f, yd, 0, out);
        if (bias != null) {
            K.addRow(batch, out, yd, 0, bias.value().data(), 0, yd, 0);
        }
        LinearBackward step = tape.step(LinearBackward.class, LinearBackward::new);
        step.x = x;
        step.weight = weight;
        step.bias = bias;
        return bias == null ? tape.record(y, step, x, weight) : tape.record(y, step, x, weight, bias);
    }

    private static final class LinearBackward implements Backward {
        Variable x;
        Variable weight;
        Variable bias;

        @Override
        public void propagate(Tensor g) {
            float[] gd = g.data();
            float[] xd = x.value().data();
            float[] wd = weight.value().data();
            int batch = g.dim(0);
            int out = g.dim(1);
            int in = x.value().dim(1);
            // Overwrite rather than add when a gradient is still zero: no clearing pass, no read of C.
            if (x.requiresGrad()) { // dX[batch,in] += dY · W
                float beta = x.gradAccumulationBeta();
                K.gemm(false, false, batch, in, out, 1f, gd, 0, out, wd, 0, in, beta, x.gradForOverwrite().data(), 0, in);
            }
            if (weight.requiresGrad()) { // dW[out,in] += dYᵀ · X
                float beta = weight.gradAccumulationBeta();
                K.gemm(true, false, out, in, batch, 1f, gd, 0, out, xd, 0, in, beta,
                        weight.gradForOverwrite().data(), 0, in);
            }
            if (bias != null && bias.requiresGrad()) { // db += column sums of dY
                K.sumColumnsAccumulate(batch, out, gd, 0, bias.gradForAccumulation().data(), 0);
            }
        }
    }

    static void requireMatrix(String op, String role, Variable v) {
        if (v.value().rank() != 2) {
            throw new IllegalArgumentException(op + ": the " + role + " must be a matrix [rows, columns], not shape "
                    + v.value().shape() + (v.value().rank() > 2 ? "; flatten it first" : ""));
        }
    }

    private static String describe(Tensor t, boolean transposed) {
        return t.shape() + (transposed ? "ᵀ" : "");
    }
}
