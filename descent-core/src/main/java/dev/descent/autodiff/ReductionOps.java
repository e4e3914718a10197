package dev.descent.autodiff;

import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;

/** Reductions of a whole tensor to a scalar: {@link #sum} and {@link #mean}. */
public final class ReductionOps {
    private static final Kernels K = KernelProvider.kernels();
    private static final Shape SCALAR = Shape.of();

    private ReductionOps() {
    }

    public static Variable sum(Variable x) {
        return scaledSum("sum", x, 1f);
    }

    public static Variable mean(Variable x) {
        if (x.value().size() == 0) {
            throw new IllegalArgumentException("mean: the tensor " + x.shape() + " is empty");
        }
        return scaledSum("mean", x, 1f / x.value().size());
    }

    private static Variable scaledSum(String op, Variable x, float factor) {
        Tape tape = Tape.of(op, x);
        float[] xd = x.value().data();
        Tensor out = tape.output(SCALAR);
        out.data()[0] = factor * K.sum(xd.length, xd, 0);
        SumBackward step = tape.step(SumBackward.class, SumBackward::new);
        step.x = x;
        step.factor = factor;
        return tape.record(out, step, x);
    }

    private static final class SumBackward implements Backward {
        Variable x;
        float factor;

        @Override
        public void propagate(Tensor g) {
            float[] gx = x.gradForAccumulation().data();
            float v = factor * g.data()[0];
            for (int i = 0; i < gx.length; i++) {
                gx[i] += v;
            }
        }
    }
}
