package dev.descent.docs;

import dev.descent.autodiff.Variable;
import dev.descent.nn.*;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;

/** y = x + scale ⊙ body(x), body = Linear → ReLU → Linear: the PyTorch ResidualBlock above. */
public class ResidualBlock extends CompositeLayer {
    private final Sequential body;
    private final Variable scale;

    public ResidualBlock(int width, Rng rng) {
        body = register("body", new Sequential(
                new Linear(width, width, rng), Activation.relu(), new Linear(width, width, rng)));
        scale = registerParameter("scale", Variable.parameter(Tensor.filled(1f, width)));
    }

    /** For weights loaded next: one default generator for both layers, so they differ. */
    public ResidualBlock(int width) {
        this(width, new Rng(Layer.DEFAULT_SEED));
    }

    @Override
    public Variable forward(Variable x) {
        return x.add(scale.mul(body.forward(x)));   // runs every step: no lookups by name here
    }
}
