package dev.descent.nn;

import dev.descent.autodiff.DropoutOps;
import dev.descent.autodiff.Variable;
import dev.descent.random.Rng;
import java.util.Map;

/**
 * Inverted dropout: zeroes each element with probability p in training mode and scales the
 * rest by 1/(1−p); the identity in evaluation mode. Its masks come from its own generator,
 * so a run is reproducible from its seed.
 *
 * <p>Unlike {@link Linear}, it has no constructor with a default seed: two dropout layers
 * started from the same seed would drop the same positions at every step, a silent
 * correlation. Give each its own generator, e.g. {@code rng.split()}.
 */
public final class Dropout extends AbstractLayer {
    private final float probability;
    private final Rng rng;

    public Dropout(float probability, Rng rng) {
        if (!(probability >= 0f && probability < 1f)) {
            throw new IllegalArgumentException("Dropout: probability must be in [0, 1), got " + probability);
        }
        this.probability = probability;
        this.rng = rng;
    }

    @Override
    public Variable forward(Variable input) {
        return DropoutOps.dropout(input, probability, isTraining(), rng);
    }

    /** The mask generator, whose state a checkpoint saves. */
    public Rng rng() {
        return rng;
    }

    @Override
    public Map<String, Rng> generators() {
        return Map.of("rng", rng);
    }

    @Override
    public String toString() {
        return "Dropout(p=" + probability + ")";
    }
}
