package dev.descent.nn;

import dev.descent.autodiff.Variable;
import dev.descent.random.Rng;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Modules applied in order, h_L ∘ … ∘ h_1. Parameters are named by position as in PyTorch's
 * {@code nn.Sequential}: {@code 0.weight}, {@code 0.bias}, {@code 2.weight}, …
 */
public final class Sequential extends AbstractLayer {
    private final List<Layer> layers;

    public Sequential(Layer... layers) {
        this(List.of(layers));
    }

    public Sequential(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("Sequential needs at least one layer");
        }
        this.layers = List.copyOf(layers);
    }

    @Override
    public Variable forward(Variable input) {
        Variable x = input;
        for (int i = 0; i < layers.size(); i++) { // indexed: no iterator per step
            x = layers.get(i).forward(x);
        }
        return x;
    }

    @Override
    public Map<String, Variable> namedParameters() {
        Map<String, Variable> named = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, Variable> e : layers.get(i).namedParameters().entrySet()) {
                named.put(i + "." + e.getKey(), e.getValue());
            }
        }
        return Collections.unmodifiableMap(named);
    }

    @Override
    public Map<String, Rng> generators() {
        Map<String, Rng> named = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, Rng> e : layers.get(i).generators().entrySet()) {
                named.put(i + "." + e.getKey(), e.getValue());
            }
        }
        return named;
    }

    @Override
    public void setTraining(boolean training) {
        super.setTraining(training); // its own flag, not derived from the layers
        for (Layer layer : layers) {
            layer.setTraining(training);
        }
    }

    public List<Layer> layers() {
        return layers;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Sequential(\n");
        for (int i = 0; i < layers.size(); i++) {
            s.append("  (").append(i).append("): ").append(layers.get(i)).append('\n');
        }
        return s.append(')').toString();
    }
}
