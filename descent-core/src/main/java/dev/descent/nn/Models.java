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
     * As {@link #mlp(Rng, int...)}, drawing from one generator seeded with
     * {@link Layer#DEFAULT_SEED}: the same widths give the same model on every run, and its
     * layers differ from each other. Suits a model whose weights are loaded next.
     */
    public static Sequential mlp(int... widths) {
        return mlp(new Rng(Layer.DEFAULT_SEED), widths);
    }

    /**
     * Multinomial logistic regression: one linear layer whose outputs are class logits, to
     * be trained with softmax cross-entropy (with one output, binary cross-entropy).
     */
    public static Sequential logisticRegression(Rng rng, int features, int outputs) {
        return new Sequential(new Linear(features, outputs, rng));
    }

    /**
     * As {@link #logisticRegression(Rng, int, int)}, drawing from a generator seeded with
     * {@link Layer#DEFAULT_SEED}.
     */
    public static Sequential logisticRegression(int features, int outputs) {
        return logisticRegression(new Rng(Layer.DEFAULT_SEED), features, outputs);
    }
}
