package dev.descent.nn;

import dev.descent.autodiff.Variable;
import java.util.List;

/**
 * Layers applied in order, h_L ∘ … ∘ h_1. Parameters are named by position as in PyTorch's
 * {@code nn.Sequential}: {@code 0.weight}, {@code 0.bias}, {@code 2.weight}, …: each layer is a
 * child of this {@link CompositeLayer} named by its index.
 */
public final class Sequential extends CompositeLayer {
    private final List<Layer> layers;

    public Sequential(Layer... layers) {
        this(List.of(layers));
    }

    public Sequential(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("Sequential needs at least one layer");
        }
        this.layers = List.copyOf(layers);
        for (int i = 0; i < this.layers.size(); i++) {
            register(String.valueOf(i), this.layers.get(i));
        }
    }

    @Override
    public Variable forward(Variable input) {
        Variable x = input;
        for (int i = 0; i < layers.size(); i++) { // indexed: no iterator per step
            x = layers.get(i).forward(x);
        }
        return x;
    }

    public List<Layer> layers() {
        return layers;
    }
}
