package dev.descent.nn;

import dev.descent.autodiff.Variable;
import dev.descent.random.Rng;
import java.util.List;
import java.util.Map;

/**
 * One parameterised function h(x; w) of a model y = h_L ∘ … ∘ h_1(x).
 *
 * <p>Parameters are named as in PyTorch so that weights can be exchanged with it: a layer
 * names its own ({@code weight}, {@code bias}) and containers prefix their children's
 * ({@code 0.weight}, {@code 2.bias} in a {@link Sequential}).
 *
 * <p>This is PyTorch's {@code nn.Module}. It is called {@code Layer} because a type named
 * {@code Module} would clash with {@code java.lang.Module} under {@code import dev.descent.nn.*}.
 */
public interface Layer {

    /** Computes the output on the input's tape. */
    Variable forward(Variable input);

    /** Trainable parameters by name, in a stable order (registration order). */
    default Map<String, Variable> namedParameters() {
        return Map.of();
    }

    default List<Variable> parameters() {
        return List.copyOf(namedParameters().values());
    }

    /**
     * The random generators this module draws from while training (e.g. dropout masks), by
     * name, so that a checkpoint can save and restore their state.
     */
    default Map<String, Rng> generators() {
        return Map.of();
    }

    /**
     * Switches between training behaviour (dropout active) and evaluation behaviour; a
     * container passes it on to every child. The default ignores it: override it together with
     * {@link #isTraining()}.
     */
    default void setTraining(boolean training) {
    }

    /**
     * Whether the module is in training mode, as PyTorch's {@code module.training}: true
     * after {@link #train()} and at creation, false after {@link #eval()}. Code that switches
     * to evaluation for a while uses it to give the model back in the mode it found it in.
     * The default, for a module that keeps no flag, always answers true.
     */
    default boolean isTraining() {
        return true;
    }

    default Layer train() {
        setTraining(true);
        return this;
    }

    default Layer eval() {
        setTraining(false);
        return this;
    }

    /** Sets every parameter's gradient to zero. */
    default void zeroGrad() {
        for (Variable p : namedParameters().values()) {
            p.zeroGrad();
        }
    }

    /** Number of trainable scalars. */
    default long parameterCount() {
        long n = 0;
        for (Variable p : namedParameters().values()) {
            n += p.value().size();
        }
        return n;
    }
}
