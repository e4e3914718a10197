package dev.descent.init;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;

/**
 * Fills a parameter tensor with initial values, drawing any randomness from the given
 * generator (there is no global one, so the same seed always gives the same weights).
 *
 * <p>{@code fanIn} and {@code fanOut} are the layer's input and output widths; for a
 * {@code Linear} weight of shape [out, in] they are in and out, and a bias gets its layer's.
 */
@FunctionalInterface
public interface Initializer {

    void initialize(Tensor parameter, int fanIn, int fanOut, Rng rng);

    /** All zeros. */
    static Initializer zeros() {
        return constant(0f);
    }

    /** Every element set to {@code value}. */
    static Initializer constant(float value) {
        return (parameter, fanIn, fanOut, rng) -> parameter.fill(value);
    }

    /** Uniform on [−bound, bound]. */
    static Initializer uniform(double bound) {
        if (!(bound >= 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("uniform initializer: bound must be finite and ≥ 0, got " + bound);
        }
        return (parameter, fanIn, fanOut, rng) -> fillUniform(parameter, bound, rng);
    }

    /** Normal with mean 0 and the given standard deviation. */
    static Initializer normal(double std) {
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("normal initializer: std must be finite and ≥ 0, got " + std);
        }
        return (parameter, fanIn, fanOut, rng) -> fillNormal(parameter, std, rng);
    }

    /**
     * Glorot and Bengio (2010), uniform: U(−a, a) with {@code a = gain·√(6 / (fanIn + fanOut))}.
     */
    static Initializer xavierUniform(double gain) {
        return (parameter, fanIn, fanOut, rng) ->
                fillUniform(parameter, gain * Math.sqrt(6.0 / (fanIn + fanOut)), rng);
    }

    /** Glorot and Bengio (2010), normal: N(0, σ²) with {@code σ = gain·√(2 / (fanIn + fanOut))}. */
    static Initializer xavierNormal(double gain) {
        return (parameter, fanIn, fanOut, rng) ->
                fillNormal(parameter, gain * Math.sqrt(2.0 / (fanIn + fanOut)), rng);
    }

    /**
     * He et al. (2015), uniform, fan-in mode: U(−b, b) with {@code b = gain·√(3 / fanIn)}.
     * For ReLU networks use {@code gain = √2} ({@link #RELU_GAIN}).
     */
    static Initializer kaimingUniform(double gain) {
        return (parameter, fanIn, fanOut, rng) -> fillUniform(parameter, gain * Math.sqrt(3.0 / fanIn), rng);
    }

    /** He et al. (2015), normal, fan-in mode: N(0, σ²) with {@code σ = gain / √fanIn}. */
    static Initializer kaimingNormal(double gain) {
        return (parameter, fanIn, fanOut, rng) -> fillNormal(parameter, gain / Math.sqrt(fanIn), rng);
    }

    /**
     * PyTorch's default for {@code nn.Linear} weights and biases: U(−1/√fanIn, 1/√fanIn)
     * (its kaiming_uniform with a = √5 gives the same bound for the weight).
     */
    static Initializer pytorchLinearDefault() {
        return (parameter, fanIn, fanOut, rng) -> fillUniform(parameter, 1.0 / Math.sqrt(fanIn), rng);
    }

    /** The gain √2 that keeps activations' variance through ReLU layers. */
    double RELU_GAIN = Math.sqrt(2.0);

    private static void fillUniform(Tensor parameter, double bound, Rng rng) {
        float[] d = parameter.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) ((2.0 * rng.nextDouble() - 1.0) * bound);
        }
    }

    private static void fillNormal(Tensor parameter, double std, Rng rng) {
        float[] d = parameter.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rng.nextGaussian() * std);
        }
    }
}
