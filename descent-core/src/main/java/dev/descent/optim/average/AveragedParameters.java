package dev.descent.optim.average;

import dev.descent.autodiff.Variable;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An average of a model's parameters over the iterates an optimizer produces, kept beside the
 * model as an {@link AveragingRule} says (PyTorch's {@code torch.optim.swa_utils.AveragedModel},
 * parameters only). Call {@link #update} after each optimizer step (the
 * {@link dev.descent.train.Trainer} does it when given a rule); {@link #withAveragedWeights}
 * evaluates (or saves) the model with the averaged weights and puts the iterate back, bit for
 * bit; {@link #swap} does each half, to keep the average in the model for good.
 *
 * <pre>{@code
 * AveragedParameters average = AveragedParameters.of(new PolyakAveraging(1_000), model.namedParameters());
 * for (long step = 1; step <= steps; step++) {
 *     ... optimizer.zeroGrad(); loss.backward(); optimizer.step();
 *     average.update(step);
 * }
 * average.swap();      // the model holds the averaged weights
 * }</pre>
 *
 * <p><b>Precision.</b> The average is kept as two float arrays per parameter: its value rounded
 * to float (what {@link #swap} puts into the model) and the rounding error, about 48 bits in
 * all. A float32 running mean stalls once (θ − θ̄)/n falls below half a unit in the last place
 * of θ̄ (after some 10⁴–10⁵ iterates for small moves); this one does not, and it is still saved
 * and restored exactly as float32 tensors.
 *
 * <p><b>Cost.</b> {@link #update} and {@link #swap} allocate nothing: the buffers are made once,
 * here. Memory: two floats per parameter.
 *
 * <p>Only trainable parameters are averaged; buffers such as batch normalisation's running
 * statistics stay those of the live model (see the package documentation). A parameter
 * registered under two names (tied weights) is averaged once, under its first name.
 */
public final class AveragedParameters {
    private final AveragingRule rule;
    private final String[] names;
    private final Tensor[] parameters;
    /** The average rounded to float: what the model holds while swapped in. */
    private final float[][] values;
    /** average − value, rounded to float. */
    private final float[][] residuals;
    private long count;
    private boolean swapped;

    private AveragedParameters(AveragingRule rule, List<String> names, List<Tensor> parameters) {
        this.rule = rule;
        this.names = names.toArray(String[]::new);
        this.parameters = parameters.toArray(Tensor[]::new);
        this.values = new float[this.parameters.length][];
        this.residuals = new float[this.parameters.length][];
        for (int i = 0; i < this.parameters.length; i++) {
            values[i] = new float[this.parameters[i].size()];
            residuals[i] = new float[this.parameters[i].size()];
        }
    }

    /** An empty average of {@code namedParameters} (e.g. {@code model.namedParameters()}) under {@code rule}. */
    public static AveragedParameters of(AveragingRule rule, Map<String, Variable> namedParameters) {
        if (rule == null) {
            throw new IllegalArgumentException("rule must not be null: give an AveragingRule, e.g."
                    + " new ExponentialMovingAverage(0.999)");
        }
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<String> names = new ArrayList<>();
        List<Tensor> tensors = new ArrayList<>();
        namedParameters.forEach((name, parameter) -> {
            if (seen.add(parameter)) {
                names.add(name);
                tensors.add(parameter.value());
            }
        });
        return new AveragedParameters(rule, names, tensors);
    }

    public AveragingRule rule() {
        return rule;
    }

    /** The iterates averaged so far: 0 until the rule's first. */
    public long count() {
        return count;
    }

    /** Whether the model holds the averaged weights (between two {@link #swap}s). */
    public boolean swapped() {
        return swapped;
    }

    /**
     * Folds the model's current parameters in if the rule averages the iterate after update
     * {@code step} (1-based: call it with the updates done so far, once per update).
     *
     * @throws IllegalStateException if the averaged weights are swapped in
     */
    public void update(long step) {
        requireLive("update the average");
        if (!rule.includes(step)) {
            return;
        }
        count++;
        double weight = rule.weight(count);
        for (int i = 0; i < parameters.length; i++) {
            float[] theta = parameters[i].data();
            float[] value = values[i];
            float[] residual = residuals[i];
            if (weight == 1) {
                System.arraycopy(theta, 0, value, 0, value.length);
                Arrays.fill(residual, 0f);
                continue;
            }
            for (int j = 0; j < value.length; j++) {
                double average = (double) value[j] + residual[j];
                average += weight * (theta[j] - average);
                float rounded = (float) average;
                value[j] = rounded;
                residual[j] = (float) (average - rounded);
            }
        }
    }

    /**
     * Exchanges the model's parameters with the averaged weights: after one call the model holds
     * the average (rounded to float), after the next its own iterate again, bit for bit.
     *
     * @throws IllegalStateException if no iterate has been averaged yet
     */
    public void swap() {
        if (count == 0) {
            throw new IllegalStateException("no iterate has been averaged yet (" + rule + " has averaged none of the"
                    + " updates so far); evaluate the model's own weights, or train until the rule starts averaging");
        }
        for (int i = 0; i < parameters.length; i++) {
            float[] theta = parameters[i].data();
            float[] value = values[i];
            for (int j = 0; j < value.length; j++) {
                float t = theta[j];
                theta[j] = value[j];
                value[j] = t;
            }
        }
        swapped = !swapped;
    }

    /**
     * Runs {@code action} (an evaluation, a save) with the averaged weights in the model, then
     * puts the iterate back, bit for bit, even if it throws. Before the rule's first averaged
     * iterate there is no average: {@code action} runs on the iterate.
     *
     * <pre>{@code
     * Evaluation averaged = average.withAveragedWeights(() -> evaluator.evaluate(model, loss, validation));
     * }</pre>
     */
    public <T> T withAveragedWeights(Supplier<T> action) {
        requireLive("swap the average in again");
        if (count == 0) {
            return action.get();
        }
        swap();
        try {
            return action.get();
        } finally {
            swap();
        }
    }

    /** Copies of the averaged weights (rounded to float) by parameter name; the model is not changed. */
    public Map<String, Tensor> values() {
        if (count == 0) {
            throw new IllegalStateException("no iterate has been averaged yet (" + rule + ")");
        }
        Map<String, Tensor> copies = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            float[] averaged = swapped ? parameters[i].data() : values[i];
            copies.put(names[i], Tensor.wrap(averaged.clone(), parameters[i].shape()));
        }
        return copies;
    }

    /** Forgets every averaged iterate: the next one the rule includes is copied. */
    public void reset() {
        requireLive("reset the average");
        count = 0;
        for (int i = 0; i < values.length; i++) {
            Arrays.fill(values[i], 0f);
            Arrays.fill(residuals[i], 0f);
        }
    }

    /**
     * A copy of the whole state, for a checkpoint.
     *
     * @throws IllegalStateException if the averaged weights are swapped in
     */
    public State state() {
        requireLive("save the average");
        Map<String, Tensor> savedValues = new LinkedHashMap<>();
        Map<String, Tensor> savedResiduals = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            savedValues.put(names[i], Tensor.wrap(values[i].clone(), parameters[i].shape()));
            savedResiduals.put(names[i], Tensor.wrap(residuals[i].clone(), parameters[i].shape()));
        }
        return new State(rule.toString(), count, savedValues, savedResiduals);
    }

    /**
     * Restores a state saved by {@link #state()}: the rule must be this one, and every
     * parameter must be there with its shape. On a mismatch nothing is changed and the error
     * names the rule or the parameter and both shapes.
     */
    public void loadState(State state) {
        requireLoadable(state);
        for (int i = 0; i < names.length; i++) {
            System.arraycopy(state.values().get(names[i]).data(), 0, values[i], 0, values[i].length);
            System.arraycopy(state.residuals().get(names[i]).data(), 0, residuals[i], 0, residuals[i].length);
        }
        count = state.count();
    }

    /**
     * Throws as {@link #loadState} would for {@code state}, changing nothing: lets a caller
     * restoring several parts check them all before changing any.
     */
    public void requireLoadable(State state) {
        requireLive("restore the average");
        if (!state.rule().equals(rule.toString())) {
            throw new IllegalArgumentException("the saved average was kept under " + state.rule() + ", but this one"
                    + " under " + rule + "; resume with the same rule");
        }
        requireMatching("averaged value", state.values());
        requireMatching("rounding error", state.residuals());
    }

    private void requireMatching(String what, Map<String, Tensor> saved) {
        for (int i = 0; i < names.length; i++) {
            Tensor tensor = saved.get(names[i]);
            if (tensor == null) {
                throw new IllegalArgumentException("the saved average has no " + what + " for parameter '" + names[i]
                        + "'; it holds " + saved.keySet());
            }
            if (!tensor.shape().equals(parameters[i].shape())) {
                throw new IllegalArgumentException("the saved average's " + what + " of parameter '" + names[i]
                        + "' has shape " + tensor.shape() + ", but the parameter has " + parameters[i].shape());
            }
        }
        if (saved.size() != names.length) {
            List<String> extra = new ArrayList<>(saved.keySet());
            extra.removeAll(List.of(names));
            throw new IllegalArgumentException("the saved average holds " + what + "s for " + extra + ", which are"
                    + " not parameters here; the parameters are " + List.of(names));
        }
    }

    private void requireLive(String action) {
        if (swapped) {
            throw new IllegalStateException("cannot " + action + " while the averaged weights are in the model;"
                    + " swap() them back first");
        }
    }

    @Override
    public String toString() {
        return rule + ", " + count + " iterate" + (count == 1 ? "" : "s") + " averaged";
    }

    /**
     * An average's state, saved by name.
     *
     * @param rule the rule's {@code toString()}, checked on restore
     * @param count the iterates averaged
     * @param values the average rounded to float, by parameter name
     * @param residuals the average's rounding errors, by parameter name
     */
    public record State(String rule, long count, Map<String, Tensor> values, Map<String, Tensor> residuals) {

        public State {
            if (count < 0) {
                throw new IllegalArgumentException("count must be ≥ 0, got " + count);
            }
            values = Map.copyOf(values);
            residuals = Map.copyOf(residuals);
        }
    }
}
