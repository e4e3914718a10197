package dev.descent.nn;

import dev.descent.autodiff.Variable;

/**
 * A residual connection, {@code y = branch(x) + shortcut(x)} (He et al. 2016): the building
 * block of a ResNet. The shortcut is the identity unless given (e.g. a 1×1 {@link Conv2d} with
 * stride 2 where the branch changes the shape). The activation that usually follows the sum is
 * a layer of its own, after this one in a {@link Sequential}.
 *
 * <p>Parameters are named {@code branch.…} and {@code shortcut.…}. PyTorch has no such module;
 * the equivalent is a module with the attributes {@code branch} and {@code shortcut} whose
 * {@code forward} returns {@code self.branch(x) + self.shortcut(x)} (or {@code + x}), which
 * loads this layer's state dict with {@code strict=True} (see tools/torch-reference).
 */
public final class Residual extends CompositeLayer {
    private final Layer branch;
    private final Layer shortcut;

    /** {@code y = branch(x) + x}. */
    public Residual(Layer branch) {
        this.branch = register("branch", branch);
        this.shortcut = null;
    }

    /** {@code y = branch(x) + shortcut(x)}. */
    public Residual(Layer branch, Layer shortcut) {
        this.branch = register("branch", branch);
        this.shortcut = register("shortcut", shortcut);
    }

    @Override
    public Variable forward(Variable input) {
        Variable main = branch.forward(input);
        Variable skip = shortcut == null ? input : shortcut.forward(input);
        if (!main.value().shape().equals(skip.value().shape())) {
            throw new IllegalArgumentException("Residual: the branch gives shape " + main.value().shape() + " but the "
                    + (shortcut == null ? "input (the identity shortcut) has " : "shortcut gives ")
                    + skip.value().shape() + "; both must have the same shape"
                    + (shortcut == null ? ", so give a shortcut that maps the input to the branch's shape" : ""));
        }
        return main.add(skip);
    }

    public Layer branch() {
        return branch;
    }

    /** The shortcut layer, or null for the identity. */
    public Layer shortcut() {
        return shortcut;
    }
}
