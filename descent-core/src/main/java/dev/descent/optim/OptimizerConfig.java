package dev.descent.optim;

import dev.descent.autodiff.Variable;
import dev.descent.optim.rule.UpdateRule;
import java.util.List;
import java.util.Map;

/**
 * The immutable description of a named optimizer (its hyper-parameters, with PyTorch's names
 * and defaults). It knows which chain of {@link UpdateRule}s it is; the mutable state lives in
 * the {@link Optimizer} that {@link #build} creates, so one config can serve many runs.
 */
public interface OptimizerConfig {

    /** The base learning rate ({@code lr}). */
    double lr();

    /** The weight decay of the parameters no group overrides ({@code weight_decay}). */
    double weightDecay();

    /**
     * The update chain for parameters with the given weight decay, ending with the rule that
     * applies the learning rate (or, for the lectures' momentum, with the rule after it).
     */
    List<UpdateRule> rules(double weightDecay);

    /**
     * Throws, naming the fields and the fix, if settings that are valid one by one do not go
     * together (SGD's {@code nesterov} without momentum, say). The {@code with…} methods check
     * only their own field, so that they can be called in any order, like keyword arguments;
     * the combination is checked here, when the optimizer is built ({@link #builder()} calls
     * it). Nothing to check by default.
     */
    default void requireConsistent() {
    }

    /** An optimizer over these parameters with a constant learning rate {@link #lr()}. */
    default Optimizer build(Map<String, Variable> parameters) {
        return builder().build(parameters);
    }

    /** A builder for schedules, parameter groups, regularisers, clipping and accumulation. */
    default OptimizerBuilder builder() {
        return new OptimizerBuilder(this);
    }
}
