package dev.descent.nn;

import dev.descent.autodiff.ShapeOps;
import dev.descent.autodiff.Variable;

/** Keeps the batch dimension and joins the rest: [n, 28, 28] becomes [n, 784]. */
public final class Flatten extends AbstractLayer {
    private final int[] flat = new int[2]; // reused: a training step allocates nothing here

    @Override
    public Variable forward(Variable input) {
        if (input.value().rank() == 0) {
            return ShapeOps.flatten(input); // which names the problem
        }
        int n = input.value().dim(0);
        flat[0] = n;
        flat[1] = n == 0 ? 0 : input.value().size() / n;
        return ShapeOps.reshape(input, flat);
    }

    @Override
    public String toString() {
        return "Flatten()";
    }
}
