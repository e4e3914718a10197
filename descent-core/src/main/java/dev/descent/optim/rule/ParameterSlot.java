package dev.descent.optim.rule;

/**
 * What one rule sees of one parameter: the update vector being transformed (shared by all the
 * rules of the chain), the parameter's current values (read-only by convention, the optimizer
 * adds the final update; only {@link ShrinkWeights} writes them, as PyTorch's AdamW does), and this rule's own state buffers in the order of
 * {@link UpdateRule#state()}.
 */
public final class ParameterSlot {
    private final String name;
    private final float[] update;
    private final float[] weights;
    private final float[][] state;

    public ParameterSlot(String name, float[] update, float[] weights, float[][] state) {
        this.name = name;
        this.update = update;
        this.weights = weights;
        this.state = state;
    }

    /** The parameter's name, e.g. {@code 0.weight}. */
    public String name() {
        return name;
    }

    /** Number of elements. */
    public int size() {
        return update.length;
    }

    public float[] update() {
        return update;
    }

    public float[] weights() {
        return weights;
    }

    /** State buffer {@code index} of this rule (a one-element array for a scalar state). */
    public float[] state(int index) {
        return state[index];
    }
}
