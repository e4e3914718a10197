package dev.descent.optim.rule;

import java.util.List;

/**
 * One stage of an optimizer: transforms a parameter's update vector in place, keeping its own
 * per-parameter state. An optimizer is a chain of such stages applied to {@code u}, which
 * starts as the gradient, followed by {@code w ← w + u}:
 *
 * <pre>  adam  = [ScaleByAdam, ScaleByLearningRate]
 *   adamw = [ShrinkWeights, ScaleByAdam, ScaleByLearningRate]</pre>
 *
 * A rule is configuration only (immutable, shareable); its state lives in the buffers of the
 * {@link ParameterSlot} it is given, declared by {@link #state()} (after Optax's
 * {@code GradientTransformation} and DL4J's split of updater config from updater state).
 * {@link ScaleByLearningRate} alone owns the sign convention.
 */
public interface UpdateRule {

    /** The state this rule keeps per parameter, by PyTorch's state names. */
    default List<StateSpec> state() {
        return List.of();
    }

    /** Transforms {@code slot.update()} in place for one parameter at one step. */
    void apply(ParameterSlot slot, StepContext step);
}
