package dev.descent.nn;

import dev.descent.autodiff.DropoutOps;
import dev.descent.autodiff.Variable;
import dev.descent.random.Rng;
import java.util.Map;

/**
 * {@code nn.Dropout2d(p)}: in training mode zeroes whole feature maps (one channel of one
 * example) with probability p and scales the others by 1/(1−p); the identity in evaluation
 * mode. Like {@link Dropout} it draws from its own generator, which a checkpoint saves.
 */
public final class Dropout2d extends AbstractLayer {
    private final float probability;
    private final Rng rng;

    public Dropout2d(float probability, Rng rng) {
        if (!(probability >= 0f && probability < 1f)) {
            throw new IllegalArgumentException("Dropout2d: probability must be in [0, 1), got " + probability);
        }
        this.probability = probability;
        this.rng = rng;
    }

    @Override
    public Variable forward(Variable input) {
        return DropoutOps.dropout2d(input, probability, isTraining(), rng);
    }

    @Override
    public Map<String, Rng> generators() {
        return Map.of("rng", rng);
    }

    @Override
    public String toString() {
        return "Dropout2d(p=" + probability + ")";
    }
}
