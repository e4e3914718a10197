package dev.descent.nn;

import dev.descent.autodiff.ShapeOps;
import dev.descent.autodiff.Variable;
import java.util.List;

/**
 * Layers applied in order, h_L ∘ … ∘ h_1. Parameters are named by position as in PyTorch's
 * {@code nn.Sequential}: {@code 0.weight}, {@code 0.bias}, {@code 2.weight}, …: each layer is a
 * child of this {@link CompositeLayer} named by its index.
 */
public final class Sequential extends CompositeLayer {
    private final List<Layer> layers;
    /** The shape of one example when it is not flat (e.g. [1, 28, 28]), else null. */
    private int[] exampleShape;
    private int[] reshaped;
    /** Values one example produces across the layers, or 0 when not known (see {@link ModelSpec}). */
    private long activationsPerExample;

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

    /**
     * Declares the shape of one example, e.g. {@code [1, 28, 28]} for images: flat rows
     * ([batch, 784], as data sets hold them) are then reshaped to [batch, 1, 28, 28] before the
     * first layer, as {@code x.view(-1, 1, 28, 28)} does before a PyTorch model. Inputs that
     * already have the shape pass unchanged. The parameters keep their names.
     *
     * @return this
     */
    public Sequential withExampleShape(List<Integer> shape) {
        if (shape.size() <= 1) {
            exampleShape = null;
            return this;
        }
        exampleShape = shape.stream().mapToInt(Integer::intValue).toArray();
        reshaped = new int[shape.size() + 1];
        System.arraycopy(exampleShape, 0, reshaped, 1, exampleShape.length);
        return this;
    }

    /**
     * Records how many values one example's forward pass produces across the layers
     * ({@link ModelSpec#activationsPerExample()}), which sizes evaluation batches
     * ({@link dev.descent.train.Evaluator#batchFor}).
     *
     * @return this
     */
    public Sequential withActivationsPerExample(long values) {
        activationsPerExample = Math.max(0, values);
        return this;
    }

    /** Values one example produces across the layers, or 0 when not known. */
    public long activationsPerExample() {
        return activationsPerExample;
    }

    @Override
    public Variable forward(Variable input) {
        Variable x = input;
        if (exampleShape != null && input.value().rank() == 2) {
            int batch = input.value().dim(0);
            int perExample = input.value().dim(1);
            int expected = 1;
            for (int d : exampleShape) {
                expected *= d;
            }
            if (perExample != expected) {
                throw new IllegalArgumentException("the model takes examples of shape "
                        + java.util.Arrays.toString(exampleShape) + " (" + expected + " values), but the input rows"
                        + " have " + perExample + " values");
            }
            reshaped[0] = batch;
            x = ShapeOps.reshape(x, reshaped);
        }
        for (int i = 0; i < layers.size(); i++) { // indexed: no iterator per step
            x = layers.get(i).forward(x);
        }
        return x;
    }

    public List<Layer> layers() {
        return layers;
    }
}
