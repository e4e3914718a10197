package dev.descent.autodiff;

import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.tensor.Tensor;

/** Changes of shape that keep the values: {@link #reshape} and {@link #flatten}. Both share storage. */
public final class ShapeOps {
    private static final Kernels K = KernelProvider.kernels();

    private ShapeOps() {
    }

    public static Variable reshape(Variable x, int... dims) {
        Tape tape = Tape.of("reshape", x);
        Tensor y = x.value().reshape(dims);
        ReshapeBackward step = tape.step(ReshapeBackward.class, ReshapeBackward::new);
        step.x = x;
        return tape.record(y, step, x);
    }

    private static final class ReshapeBackward implements Backward {
        Variable x;

        @Override
        public void propagate(Tensor g) {
            K.axpy(g.size(), 1f, g.data(), 0, x.gradForAccumulation().data(), 0);
        }
    }

    /** Keeps the first dimension and joins the others: [n, a, b, …] becomes [n, a·b·…]. */
    public static Variable flatten(Variable x) {
        Tensor v = x.value();
        if (v.rank() == 0) {
            throw new IllegalArgumentException("flatten: a scalar has no first dimension to keep");
        }
        int n = v.dim(0);
        return reshape(x, n, n == 0 ? 0 : v.size() / n);
    }
}
