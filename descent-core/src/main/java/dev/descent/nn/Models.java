package dev.descent.nn;

import dev.descent.random.Rng;
import java.util.ArrayList;
import java.util.List;

/** Ready-made architectures. */
public final class Models {
    private Models() {
    }

    /**
     * A ReLU multilayer perceptron {@code Linear → ReLU → … → Linear} with PyTorch's default
     * initialisation; {@code widths} lists every layer width from input to output, e.g.
     * {@code mlp(rng, 784, 256, 128, 10)}.
     */
    public static Sequential mlp(Rng rng, int... widths) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("mlp needs at least an input and an output width");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            layers.add(new Linear(widths[i], widths[i + 1], rng));
            if (i + 2 < widths.length) {
                layers.add(Activation.relu());
            }
        }
        return new Sequential(layers);
    }

    /**
     * Multinomial logistic regression: one linear layer whose outputs are class logits, to
     * be trained with softmax cross-entropy (with one output, binary cross-entropy).
     */
    public static Sequential logisticRegression(Rng rng, int features, int outputs) {
        return new Sequential(new Linear(features, outputs, rng));
    }
}
