package dev.descent.nn;

import dev.descent.autodiff.ShapeOps;
import dev.descent.autodiff.Variable;

/** Keeps the batch dimension and joins the rest: [n, 28, 28] becomes [n, 784]. */
public final class Flatten implements Module {
    private boolean training = true;

    @Override
    public Variable forward(Variable input) {
        return ShapeOps.flatten(input);
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training; // no effect on the output; kept so isTraining() answers
    }

    @Override
    public boolean isTraining() {
        return training;
    }

    @Override
    public String toString() {
        return "Flatten()";
    }
}
