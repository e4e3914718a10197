package dev.descent.autodiff;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;

/** Seeded random test inputs. */
public final class RandomTensors {
    private RandomTensors() {
    }

    /** Uniform in [low, high). */
    public static Tensor uniform(Rng rng, double low, double high, int... dims) {
        return Tensor.generate(i -> low + (high - low) * rng.nextDouble(), dims);
    }

    /**
     * Magnitude uniform in [margin, high), random sign: keeps every element at least
     * {@code margin} away from a kink at 0 (ReLU, LeakyReLU), where finite differences
     * would straddle it.
     */
    public static Tensor awayFromZero(Rng rng, double margin, double high, int... dims) {
        return Tensor.generate(i -> {
            double magnitude = margin + (high - margin) * rng.nextDouble();
            return rng.nextDouble() < 0.5 ? -magnitude : magnitude;
        }, dims);
    }

    /** Plain double copy of a tensor's values. */
    public static double[] toDouble(Tensor t) {
        double[] d = new double[t.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.get(i);
        }
        return d;
    }
}
