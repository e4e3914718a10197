package dev.descent.nn;

import dev.descent.autodiff.ShapeOps;
import dev.descent.autodiff.Variable;

/** Keeps the batch dimension and joins the rest: [n, 28, 28] becomes [n, 784]. */
public final class Flatten extends AbstractLayer {

    @Override
    public Variable forward(Variable input) {
        return ShapeOps.flatten(input);
    }

    @Override
    public String toString() {
        return "Flatten()";
    }
}
