package dev.descent.linear;

import dev.descent.autodiff.Tape;
import dev.descent.init.Initializer;
import dev.descent.nn.Linear;
import dev.descent.nn.Sequential;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;

/** What the linear estimators share: the layer {@code x·Wᵀ + b}, its creation and its checks. */
abstract class LinearModel {
    private Sequential model;
    private int features = -1;

    /** A zero-initialised layer for {@code inputs} features and {@code outputs} outputs (a convex problem needs no random start). */
    Sequential createModel(int inputs, int outputs) {
        features = inputs;
        model = new Sequential(new Linear(inputs, outputs, true, Initializer.zeros(), Initializer.zeros(), new Rng(0)));
        return model;
    }

    /** The fitted layer; PyTorch's layout, weight [outputs, features]. */
    public Linear layer() {
        requireFitted();
        return (Linear) model.layers().get(0);
    }

    /** Raw outputs {@code x·Wᵀ + b}, [n, outputs], computed without recording gradients. */
    Tensor outputs(Tensor x) {
        requireFitted();
        requireFeatures(x);
        return model.forward(Tape.noGrad().input(x)).value().copy();
    }

    void requireFitted() {
        if (model == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " is not fitted yet: call fit(x, y) first");
        }
    }

    private void requireFeatures(Tensor x) {
        if (x.rank() != 2 || x.dim(1) != features) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " was fitted on " + features
                    + " features; x must be [n, " + features + "], not " + x.shape());
        }
    }

    /** Rejects non-matrix features and NaN or infinite values, naming the row and column. */
    static void requireFiniteMatrix(Tensor x, int rows) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("features must be a matrix [n, d], not " + x.shape());
        }
        if (x.dim(0) != rows) {
            throw new IllegalArgumentException(x.dim(0) + " rows of features but " + rows + " targets");
        }
        float[] v = x.data();
        int d = x.dim(1);
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("features[row " + i / d + ", column " + i % d + "] is " + v[i]
                        + "; remove or impute it before fitting");
            }
        }
    }
}
