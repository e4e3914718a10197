package dev.descent.nn;

import dev.descent.autodiff.MatrixOps;
import dev.descent.autodiff.Variable;
import dev.descent.init.Initializer;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fully connected layer {@code y = x · Wᵀ + b} with PyTorch's layout: {@code weight} is
 * [out, in], {@code bias} is [out].
 */
public final class Linear extends AbstractLayer {
    private final int inFeatures;
    private final int outFeatures;
    private final Variable weight;
    private final Variable bias;

    /**
     * A layer initialised as PyTorch's {@code nn.Linear(in, out)}, drawing from a generator
     * seeded with {@link Layer#DEFAULT_SEED}: deterministic, and every layer of this shape built
     * so starts equal (see there why there is no global generator). Suits a layer whose weights
     * are loaded next; pass an {@link Rng} to choose the draws.
     */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, new Rng(Layer.DEFAULT_SEED));
    }

    /** A layer initialised as PyTorch's {@code nn.Linear}: weight and bias U(−1/√in, 1/√in). */
    public Linear(int inFeatures, int outFeatures, Rng rng) {
        this(inFeatures, outFeatures, true, Initializer.pytorchLinearDefault(), Initializer.pytorchLinearDefault(), rng);
    }

    public Linear(int inFeatures, int outFeatures, boolean withBias, Initializer weightInit, Initializer biasInit, Rng rng) {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Linear(" + inFeatures + ", " + outFeatures
                    + "): both widths must be positive");
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        Tensor w = Tensor.zeros(outFeatures, inFeatures);
        weightInit.initialize(w, inFeatures, outFeatures, rng);
        this.weight = Variable.parameter(w);
        if (withBias) {
            Tensor b = Tensor.zeros(outFeatures);
            biasInit.initialize(b, inFeatures, outFeatures, rng);
            this.bias = Variable.parameter(b);
        } else {
            this.bias = null;
        }
    }

    @Override
    public Variable forward(Variable input) {
        return MatrixOps.linear(input, weight, bias);
    }

    @Override
    public Map<String, Variable> namedParameters() {
        Map<String, Variable> named = new LinkedHashMap<>();
        named.put("weight", weight);
        if (bias != null) {
            named.put("bias", bias);
        }
        return named;
    }

    public Variable weight() {
        return weight;
    }

    /** The bias, or null when the layer has none. */
    public Variable bias() {
        return bias;
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    @Override
    public String toString() {
        return "Linear(in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null) + ")";
    }
}
