package dev.descent.spark;

import dev.descent.autodiff.Variable;
import dev.descent.optim.Optimizer;
import java.io.Serializable;
import java.util.Map;

/**
 * Builds the optimizer over an executor's copy of the model, for strategies that step on the
 * executors ({@link LocalSgd}). A lambda works:
 * {@code parameters -> new Sgd(0.05).withMomentum(0.9).builder().schedule(schedule).build(parameters)}.
 */
@FunctionalInterface
public interface OptimizerFactory extends Serializable {

    Optimizer create(Map<String, Variable> parameters);
}
