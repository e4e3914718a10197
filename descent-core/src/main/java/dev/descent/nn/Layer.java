package dev.descent.nn;

import dev.descent.autodiff.Variable;
import dev.descent.io.ModelWeights;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.LinkedHashMap;
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

    /**
     * The seed of the generator that layers and models built without one draw their initial
     * weights from: {@code new Linear(784, 256)} is {@code new Linear(784, 256, new Rng(DEFAULT_SEED))}
     * and {@code Models.mlp(784, 256, 10)} is {@code Models.mlp(new Rng(DEFAULT_SEED), 784, 256, 10)}.
     * These forms suit a model whose weights are loaded next, or a quick experiment; the same
     * program gives the same weights on every run, thread and machine.
     *
     * <p>PyTorch draws from one global generator instead (seeded with a fixed value at start-up,
     * reset by {@code torch.manual_seed}), so a layer's weights there depend on everything drawn
     * before it in the process. Descent has no global generator: each default-built layer starts
     * its own generator from this seed, so nothing depends on construction order or on other
     * threads. The price: two layers of the same shape built this way start with the same
     * weights. Where they must differ (parallel branches, an ensemble) pass one generator to
     * all of them, e.g. {@code rng.split()} per model; the model factories already share one
     * generator across their layers.
     */
    long DEFAULT_SEED = 0L;

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
     * State that is saved with the model but not trained, as PyTorch's {@code named_buffers()}:
     * batch normalisation's {@code running_mean}, {@code running_var} and
     * {@code num_batches_tracked}. The tensors are live: the layer updates them in place (in
     * training mode) and {@link #loadStateDict(Map)} copies into them. Most layers have none.
     */
    default Map<String, Tensor> namedBuffers() {
        return Map.of();
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

    /**
     * A copy of every parameter's value by name, in {@link #namedParameters()} order, as
     * PyTorch's {@code state_dict()}: {@code 0.weight}, {@code 0.bias}, … followed by the
     * {@link #namedBuffers() buffers} ({@code 1.running_mean}, …), so the keys are those of the
     * equivalent PyTorch module.
     *
     * <p>Unlike PyTorch's, whose tensors share storage with the parameters, the values are
     * copies: a snapshot (the best epoch's weights, say) stays as it was while training goes
     * on. The map is the caller's to edit, e.g. to drop a classifier head before a non-strict
     * {@link #loadStateDict(Map, boolean)}. {@link ModelWeights#stateDict(Layer)} gives the
     * live values instead.
     */
    default Map<String, Tensor> stateDict() {
        Map<String, Tensor> copies = new LinkedHashMap<>();
        ModelWeights.stateDict(this).forEach((name, value) -> copies.put(name, value.copy()));
        return copies;
    }

    /**
     * Copies {@code stateDict}'s values into the parameters and buffers of the same names, strictly: as
     * {@link #loadStateDict(Map, boolean) loadStateDict(stateDict, true)}, PyTorch's default.
     *
     * @return always empty (kept for symmetry with the non-strict form)
     * @throws dev.descent.io.WeightsMismatchException naming every missing, unexpected and
     *         wrongly shaped tensor; nothing was changed
     */
    default IncompatibleKeys loadStateDict(Map<String, Tensor> stateDict) {
        return loadStateDict(stateDict, true);
    }

    /**
     * Copies {@code stateDict}'s values into the parameters of the same names, as PyTorch's
     * {@code load_state_dict(state_dict, strict)}. Strict, the names must be exactly the
     * model's. Not strict, parameters the map lacks keep their values and names the model
     * lacks are ignored; both are returned. A name on both sides must have the same shape
     * either way, as in PyTorch. All checks come first, so a failed load changes nothing.
     * The values are copied: the map stays independent of the model.
     *
     * @return the missing and unexpected names; always empty when {@code strict}
     * @throws dev.descent.io.WeightsMismatchException naming every problem at once
     */
    default IncompatibleKeys loadStateDict(Map<String, Tensor> stateDict, boolean strict) {
        return ModelWeights.loadStateDict(this, stateDict, strict, "a state dict");
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
