package dev.descent.nn;

import dev.descent.autodiff.ShapeOps;
import dev.descent.autodiff.Variable;
import java.util.Arrays;

/**
 * Keeps the batch dimension and splits the rest into the given shape, as
 * {@code nn.Unflatten(1, shape)}: with {@code (1, 28, 28)}, flat images [n, 784] become
 * [n, 1, 28, 28] for a {@link Conv2d}.
 */
public final class Unflatten extends AbstractLayer {
    private final int[] shape;

    /** @throws IllegalArgumentException if a size is not positive */
    public Unflatten(int... shape) {
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("Unflatten: the sizes must be positive, got " + Arrays.toString(shape));
        }
        this.shape = shape.clone();
    }

    @Override
    public Variable forward(Variable input) {
        int features = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        int batch = input.value().dim(0);
        if (input.value().size() != batch * features) {
            throw new IllegalArgumentException("Unflatten" + Arrays.toString(shape) + ": each example has "
                    + input.value().size() / Math.max(1, batch) + " values (input shape " + input.value().shape()
                    + "), not " + features);
        }
        int[] dims = new int[shape.length + 1];
        dims[0] = batch;
        System.arraycopy(shape, 0, dims, 1, shape.length);
        return ShapeOps.reshape(input, dims);
    }

    @Override
    public String toString() {
        return "Unflatten(dim=1, unflattened_size=" + Arrays.toString(shape).replace('[', '(').replace(']', ')') + ")";
    }
}
