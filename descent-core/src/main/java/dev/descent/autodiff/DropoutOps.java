package dev.descent.autodiff;

import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.Arrays;

/**
 * Inverted dropout (Srivastava et al. 2014): in training each element is zeroed with
 * probability p and the survivors are scaled by 1/(1−p), so evaluation needs no rescaling and
 * returns its input unchanged.
 */
public final class DropoutOps {
    private static final Kernels K = KernelProvider.kernels();

    private DropoutOps() {
    }

    public static Variable dropout(Variable x, float probability, boolean training, Rng rng) {
        requireProbability("dropout", probability);
        return !training || probability == 0f ? x : masked("dropout", x, probability, rng, 1);
    }

    /**
     * Channel dropout, PyTorch's {@code dropout2d}: in training each whole feature map (one
     * channel of one example, of an input [N, C, …]) is zeroed with probability p and the
     * others are scaled by 1/(1−p). Neighbouring pixels are strongly correlated, so dropping
     * single pixels of a feature map regularises little; dropping maps does (Tompson et al. 2015).
     */
    public static Variable dropout2d(Variable x, float probability, boolean training, Rng rng) {
        requireProbability("dropout2d", probability);
        if (x.value().rank() < 3) {
            throw new IllegalArgumentException("dropout2d: expected feature maps [N, C, H, W] (or [N, C, L]), got "
                    + x.value().shape());
        }
        if (!training || probability == 0f) {
            return x;
        }
        int maps = x.value().dim(0) * x.value().dim(1);
        return masked("dropout2d", x, probability, rng, maps == 0 ? 1 : x.value().size() / maps);
    }

    private static void requireProbability(String op, float probability) {
        if (!(probability >= 0f && probability < 1f)) {
            throw new IllegalArgumentException(op + ": probability must be in [0, 1), got " + probability);
        }
    }

    /** x times a mask of 1/(1−p) or 0, one draw per run of {@code group} consecutive elements. */
    private static Variable masked(String op, Variable x, float probability, Rng rng, int group) {
        Tape tape = Tape.of(op, x);
        Tensor mask = tape.output(x.shape());
        Tensor y = tape.output(x.shape());
        float[] md = mask.data();
        float keepScale = 1f / (1f - probability);
        if (group == 1) {
            for (int i = 0; i < md.length; i++) {
                md[i] = rng.nextFloat() >= probability ? keepScale : 0f;
            }
        } else {
            for (int start = 0; start < md.length; start += group) {
                Arrays.fill(md, start, start + group, rng.nextFloat() >= probability ? keepScale : 0f);
            }
        }
        K.multiply(md.length, x.value().data(), 0, md, 0, y.data(), 0);
        DropoutBackward step = tape.step(DropoutBackward.class, DropoutBackward::new);
        step.x = x;
        step.mask = mask;
        return tape.record(y, step, x);
    }

    private static final class DropoutBackward implements Backward {
        Variable x;
        Tensor mask;

        @Override
        public void propagate(Tensor g) {
            K.multiplyAccumulate(g.size(), g.data(), 0, mask.data(), 0, x.gradForAccumulation().data(), 0);
        }
    }
}
