package dev.descent.nn;

import dev.descent.autodiff.Variable;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A layer built from named parts, as a PyTorch {@code nn.Module} whose constructor assigns
 * {@code self.body = nn.Sequential(…)} and {@code self.scale = nn.Parameter(…)}. A subclass
 * registers its child layers ({@link #register}), its own parameters
 * ({@link #registerParameter}), its buffers ({@link #registerBuffer}) and any generator it draws from itself
 * ({@link #registerGenerator}) in its constructor, and writes {@link #forward}; the rest
 * follows from the registrations:
 *
 * <ul>
 *   <li>{@link #namedParameters()} has PyTorch's dotted names and order: the layer's own
 *       parameters first ({@code scale}), then each child's, prefixed with the child's name
 *       ({@code body.0.weight}), so {@link #stateDict()} matches the equivalent
 *       {@code nn.Module}'s {@code state_dict()} key for key;</li>
 *   <li>{@link #generators()} collects the children's generators the same way, so checkpoints
 *       restore dropout masks;</li>
 *   <li>{@link #train()} and {@link #eval()} reach every child.</li>
 * </ul>
 *
 * <p>A name is a non-empty string without a dot, used once per layer across children,
 * parameters and generators, as PyTorch requires of a module's attributes. {@link Sequential}
 * is a composite whose children are named by position.
 */
public abstract class CompositeLayer extends AbstractLayer {
    private final Map<String, Layer> children = new LinkedHashMap<>();
    private final Map<String, Variable> parameters = new LinkedHashMap<>();
    private final Map<String, Rng> generators = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();

    /**
     * Adds {@code child} under {@code name}, as {@code self.name = child} in PyTorch; returns
     * it, so a constructor can write {@code this.body = register("body", new Sequential(…))}.
     */
    protected final <L extends Layer> L register(String name, L child) {
        checkNew(name, "layer", child);
        children.put(name, child);
        return child;
    }

    /**
     * Adds a parameter of this layer itself under {@code name}, as
     * {@code self.name = nn.Parameter(…)} in PyTorch; returns it. It must be a
     * {@link Variable#parameter} (or a {@link Variable#constant} for a frozen weight), not an
     * input or result bound to a tape.
     */
    protected final Variable registerParameter(String name, Variable parameter) {
        checkNew(name, "parameter", parameter);
        if (!parameter.isLeaf() || parameter.tape() != null) {
            throw new IllegalArgumentException(typeName() + ": parameter '" + name
                    + "' is bound to a tape (an input or a result); register Variable.parameter(tensor) instead");
        }
        parameters.put(name, parameter);
        return parameter;
    }

    /**
     * Adds a generator this layer draws from itself (as {@link Dropout} does for its masks)
     * under {@code name}, so that a checkpoint saves and restores its state; returns it.
     */
    protected final Rng registerGenerator(String name, Rng rng) {
        checkNew(name, "generator", rng);
        generators.put(name, rng);
        return rng;
    }

    /**
     * Adds a buffer of this layer itself under {@code name}, as PyTorch's
     * {@code self.register_buffer(name, tensor)}: state saved in the state dict but not
     * trained (e.g. a running mean). Returns it; the layer updates it in place.
     */
    protected final Tensor registerBuffer(String name, Tensor buffer) {
        checkNew(name, "buffer", buffer);
        buffers.put(name, buffer);
        return buffer;
    }

    private void checkNew(String name, String kind, Object value) {
        String layer = typeName();
        if (value == null) {
            throw new IllegalArgumentException(layer + ": the " + kind + " '" + name + "' is null");
        }
        if (name == null || name.isEmpty() || name.contains(".")) {
            // A dot would make "a.b" ambiguous between a child "a" and a name "a.b".
            throw new IllegalArgumentException(layer + ": a " + kind + " name must be non-empty and without '.',"
                    + " got " + (name == null ? "null" : "'" + name + "'"));
        }
        if (children.containsKey(name) || parameters.containsKey(name) || generators.containsKey(name)
                || buffers.containsKey(name)) {
            throw new IllegalArgumentException(layer + ": the name '" + name + "' is already registered");
        }
    }

    /** The class's simple name, or its full name for an anonymous class, which has none. */
    private String typeName() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? getClass().getName() : simple;
    }

    /** The child layers by name, in registration order, as PyTorch's {@code named_children()}. */
    public final Map<String, Layer> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** The layer's own parameters, then each child's prefixed with {@code childName.}, as in PyTorch. */
    @Override
    public Map<String, Variable> namedParameters() {
        Map<String, Variable> named = new LinkedHashMap<>(parameters);
        children.forEach((childName, child) -> child.namedParameters()
                .forEach((name, parameter) -> named.put(childName + "." + name, parameter)));
        return Collections.unmodifiableMap(named);
    }

    /** The layer's own buffers, then each child's prefixed with {@code childName.}, as in PyTorch. */
    @Override
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> named = new LinkedHashMap<>(buffers);
        children.forEach((childName, child) -> child.namedBuffers()
                .forEach((name, buffer) -> named.put(childName + "." + name, buffer)));
        return Collections.unmodifiableMap(named);
    }

    /** The layer's own generators, then each child's prefixed with {@code childName.}. */
    @Override
    public Map<String, Rng> generators() {
        Map<String, Rng> named = new LinkedHashMap<>(generators);
        children.forEach((childName, child) -> child.generators()
                .forEach((name, rng) -> named.put(childName + "." + name, rng)));
        return Collections.unmodifiableMap(named);
    }

    /** Sets this layer's mode and every child's. */
    @Override
    public void setTraining(boolean training) {
        super.setTraining(training); // its own flag, not derived from the children
        for (Layer child : children.values()) {
            child.setTraining(training);
        }
    }

    /**
     * As PyTorch prints a module: the class name and each child on its own line,
     * {@code (name): child}, nested children indented.
     */
    @Override
    public String toString() {
        if (children.isEmpty()) {
            return typeName() + "()";
        }
        StringBuilder s = new StringBuilder(typeName()).append("(\n");
        children.forEach((name, child) -> s.append("  (").append(name).append("): ")
                .append(child.toString().replace("\n", "\n  ")).append('\n'));
        return s.append(')').toString();
    }
}
