package dev.descent.autodiff;

import dev.descent.random.Rng;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.List;

/**
 * A tensor value in a computation, with the gradient of a scalar loss with respect to it.
 *
 * <p>Three kinds exist. A <em>parameter</em> ({@link #parameter}) is a leaf that wants a
 * gradient; its gradient buffer lives as long as it does and accumulates over
 * {@link #backward()} calls until {@link #zeroGrad()}. An <em>input</em>
 * ({@link Tape#input}) is a leaf bound to a tape that wants no gradient. A <em>result</em> is
 * produced by an operation recorded on a tape; its gradient is recomputed by every backward
 * pass and its buffers belong to the tape.
 *
 * <p>The instance methods ({@link #matmul}, {@link #add}, {@link #relu}, {@link #sum(int)},
 * {@link #transpose}, …) are shorthands for the static operations in this package; their names
 * and semantics follow PyTorch (docs/tensors.md has the correspondence table).
 */
public final class Variable {
    // Not final: a recycling tape rebinds its nodes to the next step's values (see Tape.recycling()).
    private Tensor value;
    private boolean requiresGrad;
    private final Tape tape;
    private Backward backward;
    private boolean result;
    private long generation;
    private Tensor grad;
    private boolean gradValid;
    /** After zeroGrad: the value is zero but the buffer is only cleared when someone needs it cleared. */
    private boolean gradStale;

    /** A leaf: a parameter, a constant or (with a tape) an input. */
    Variable(Tensor value, boolean requiresGrad, Tape tape, Backward backward) {
        this(value, requiresGrad, tape, backward, false);
    }

    Variable(Tensor value, boolean requiresGrad, Tape tape, Backward backward, boolean result) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.tape = tape;
        this.backward = backward;
        this.result = result;
        this.generation = tape == null ? 0 : tape.generation();
    }

    /** Reuses this node of a recycling tape for a value of the current step. */
    Variable rebind(Tensor value, boolean requiresGrad, Backward backward, boolean result) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.backward = backward;
        this.result = result;
        this.generation = tape.generation();
        this.grad = null;
        this.gradValid = false;
        this.gradStale = false;
        return this;
    }

    /** A trainable leaf: gradients accumulate into its own buffer. */
    public static Variable parameter(Tensor value) {
        return new Variable(value, true, null, null);
    }

    /** A leaf that wants no gradient and is bound to no tape (e.g. a frozen weight). */
    public static Variable constant(Tensor value) {
        return new Variable(value, false, null, null);
    }

    public Tensor value() {
        return value;
    }

    public Shape shape() {
        return value.shape();
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** True for parameters, constants and inputs, false for results of operations. */
    public boolean isLeaf() {
        return !result;
    }

    /**
     * True for a result whose tape has been reset since it was computed: its buffers now
     * belong to a later step, so it may be neither read by an operation nor back-propagated.
     */
    public boolean isStale() {
        return result && tape.generation() != generation;
    }

    /** The tape this value is (or was) bound to, or null for parameters and constants. */
    public Tape tape() {
        return tape;
    }

    /**
     * The accumulated gradient, or null when no backward pass has reached this value
     * (or, for a parameter, since its creation; {@link #zeroGrad()} keeps the buffer).
     */
    public Tensor grad() {
        if (!gradValid) {
            return null;
        }
        settle();
        return grad;
    }

    boolean hasGrad() {
        return gradValid;
    }

    /**
     * Sets the gradient of a parameter to zero, keeping its buffer. The buffer is cleared
     * lazily: an operation that overwrites the whole gradient ({@link #gradForOverwrite}) never
     * needs the clearing pass.
     */
    public void zeroGrad() {
        if (grad != null) {
            gradStale = true;
        }
    }

    private void settle() {
        if (gradStale) {
            java.util.Arrays.fill(grad.data(), 0f);
            gradStale = false;
        }
    }

    /**
     * The buffer an operation's backward step adds this value's gradient contribution to,
     * created (zero) on first use. Only for values that {@link #requiresGrad()}.
     */
    public Tensor gradForAccumulation() {
        if (!gradValid) {
            if (backward == null) {
                if (grad == null) {
                    grad = Tensor.zeros(value.shape());
                }
            } else {
                grad = tape.zeros(value.shape());
            }
            gradValid = true;
        }
        settle();
        return grad;
    }

    /**
     * How an operation that writes this value's whole gradient contribution at once (a matrix
     * product with a {@code beta}) should combine it: 0 when the gradient is still zero, so the
     * buffer may be overwritten without being cleared or read; 1 to add to it. Ask before
     * {@link #gradForOverwrite()}.
     */
    public float gradAccumulationBeta() {
        return !gradValid || gradStale ? 0f : 1f;
    }

    /**
     * The gradient buffer for an operation that writes every element, combining as
     * {@link #gradAccumulationBeta()} said: its contents are not cleared first.
     */
    public Tensor gradForOverwrite() {
        if (!gradValid) {
            if (backward == null) {
                if (grad == null) {
                    grad = Tensor.zeros(value.shape());
                }
            } else {
                grad = tape.output(value.shape());
            }
            gradValid = true;
        }
        gradStale = false;
        return grad;
    }

    void clearGrad() {
        if (backward != null) {
            gradValid = false;
            gradStale = false;
            grad = null;
        }
    }

    Backward backwardStep() {
        return backward;
    }

    /** Back-propagates from this scalar: fills the gradients of every parameter it depends on. */
    public void backward() {
        if (value.size() != 1) {
            throw new IllegalStateException("backward() without a seed needs a scalar, not shape "
                    + value.shape() + "; reduce it first (sum, mean) or call backward(seed)");
        }
        backwardFrom(null);
    }

    /** Back-propagates with {@code seed} as the gradient of this value (vector-Jacobian product). */
    public void backward(Tensor seed) {
        backwardFrom(java.util.Objects.requireNonNull(seed, "seed"));
    }

    /** A null seed stands for ones (a scalar's 1), so that no seed tensor is made per step. */
    private void backwardFrom(Tensor seed) {
        if (isLeaf()) {
            throw new IllegalStateException("backward(): called on a leaf; call it on a value computed from it");
        }
        if (isStale()) {
            throw new IllegalStateException("backward(): this value's tape was reset after it was computed;"
                    + " call backward() before tape.reset()");
        }
        tape.backward(this, seed);
    }

    /** The value as a plain number; the tensor must hold one element. */
    public float item() {
        return value.item();
    }

    // Shorthands for the operations of this package; each one's Javadoc has the details.

    /** The matrix product, {@link MatrixOps#matmul(Variable, Variable)}. */
    public Variable matmul(Variable other) {
        return MatrixOps.matmul(this, other);
    }

    /** this + other, broadcasting one of them, {@link ArithmeticOps#add}. */
    public Variable add(Variable other) {
        return ArithmeticOps.add(this, other);
    }

    /** this − other, {@link ArithmeticOps#sub}. */
    public Variable sub(Variable other) {
        return ArithmeticOps.sub(this, other);
    }

    /** this · other elementwise, {@link ArithmeticOps#mul}. */
    public Variable mul(Variable other) {
        return ArithmeticOps.mul(this, other);
    }

    /** this / other, {@link ArithmeticOps#div}. */
    public Variable div(Variable other) {
        return ArithmeticOps.div(this, other);
    }

    /** this · factor, {@link ArithmeticOps#scale}. */
    public Variable scale(float factor) {
        return ArithmeticOps.scale(this, factor);
    }

    /** The elementwise smaller of this and other, {@link ArithmeticOps#minimum} (half the gradient each on ties). */
    public Variable minimum(Variable other) {
        return ArithmeticOps.minimum(this, other);
    }

    /** The elementwise larger of this and other, {@link ArithmeticOps#maximum} (half the gradient each on ties). */
    public Variable maximum(Variable other) {
        return ArithmeticOps.maximum(this, other);
    }

    /** e^x, {@link ElementwiseOps#exp}. */
    public Variable exp() {
        return ElementwiseOps.exp(this);
    }

    /** The natural logarithm, {@link ElementwiseOps#log}. */
    public Variable log() {
        return ElementwiseOps.log(this);
    }

    /** |x|, {@link ElementwiseOps#abs}. */
    public Variable abs() {
        return ElementwiseOps.abs(this);
    }

    /** √x, {@link ElementwiseOps#sqrt}. */
    public Variable sqrt() {
        return ElementwiseOps.sqrt(this);
    }

    /** x^exponent, {@link ElementwiseOps#pow}. */
    public Variable pow(double exponent) {
        return ElementwiseOps.pow(this, exponent);
    }

    /** Each element limited to [min, max], {@link ElementwiseOps#clamp}. */
    public Variable clamp(float min, float max) {
        return ElementwiseOps.clamp(this, min, max);
    }

    /** max(x, 0), {@link ElementwiseOps#relu}. */
    public Variable relu() {
        return ElementwiseOps.relu(this);
    }

    /** The logistic function, {@link ElementwiseOps#sigmoid}. */
    public Variable sigmoid() {
        return ElementwiseOps.sigmoid(this);
    }

    /** The hyperbolic tangent, {@link ElementwiseOps#tanh}. */
    public Variable tanh() {
        return ElementwiseOps.tanh(this);
    }

    /** The sum of all elements, a scalar, {@link ReductionOps#sum(Variable)}. */
    public Variable sum() {
        return ReductionOps.sum(this);
    }

    /** The sum along {@code axis}, dropping it, {@link ReductionOps#sum(Variable, int, boolean)}. */
    public Variable sum(int axis) {
        return ReductionOps.sum(this, axis, false);
    }

    /** The sum along {@code axis}, kept as size 1 with {@code keepDim}, {@link ReductionOps#sum}. */
    public Variable sum(int axis, boolean keepDim) {
        return ReductionOps.sum(this, axis, keepDim);
    }

    /** The mean of all elements, a scalar, {@link ReductionOps#mean(Variable)}. */
    public Variable mean() {
        return ReductionOps.mean(this);
    }

    /** The mean along {@code axis}, dropping it, {@link ReductionOps#mean(Variable, int, boolean)}. */
    public Variable mean(int axis) {
        return ReductionOps.mean(this, axis, false);
    }

    /** The mean along {@code axis}, kept as size 1 with {@code keepDim}, {@link ReductionOps#mean}. */
    public Variable mean(int axis, boolean keepDim) {
        return ReductionOps.mean(this, axis, keepDim);
    }

    /** The largest element, a scalar, {@link ReductionOps#max(Variable)} (ties share the gradient). */
    public Variable max() {
        return ReductionOps.max(this);
    }

    /**
     * The largest values along {@code axis}, dropping it, {@link ReductionOps#max(Variable, int, boolean)}
     * (the gradient goes to the first arg-max; the positions are {@code value().argmax(axis)}).
     */
    public Variable max(int axis) {
        return ReductionOps.max(this, axis, false);
    }

    /** The largest values along {@code axis}, kept as size 1 with {@code keepDim}, {@link ReductionOps#max}. */
    public Variable max(int axis, boolean keepDim) {
        return ReductionOps.max(this, axis, keepDim);
    }

    /** Softmax over the last dimension, {@link SoftmaxOps#softmax}. */
    public Variable softmax() {
        return SoftmaxOps.softmax(this);
    }

    /** Log-softmax over the last dimension, {@link SoftmaxOps#logSoftmax}. */
    public Variable logSoftmax() {
        return SoftmaxOps.logSoftmax(this);
    }

    /** The same values with another shape (one −1 inferred), sharing storage, {@link ShapeOps#reshape}. */
    public Variable reshape(int... dims) {
        return ShapeOps.reshape(this, dims);
    }

    /** The same as {@link #reshape}, {@link ShapeOps#view}. */
    public Variable view(int... dims) {
        return ShapeOps.view(this, dims);
    }

    /** [n, a, b, …] as [n, a·b·…], {@link ShapeOps#flatten}. */
    public Variable flatten() {
        return ShapeOps.flatten(this);
    }

    /** Dimensions {@code dim0} and {@code dim1} swapped (a copy), {@link ShapeOps#transpose}. */
    public Variable transpose(int dim0, int dim1) {
        return ShapeOps.transpose(this, dim0, dim1);
    }

    /** Positions [start, end) along {@code axis}, clamped as Python slices are, {@link SliceOps#slice}. */
    public Variable slice(int axis, int start, int end) {
        return SliceOps.slice(this, axis, start, end);
    }

    /** {@code length} positions from {@code start} along {@code axis}, strictly checked, {@link SliceOps#narrow}. */
    public Variable narrow(int axis, int start, int length) {
        return SliceOps.narrow(this, axis, start, length);
    }

    /** The tensors joined along {@code axis}, as torch.cat, {@link SliceOps#concat}. */
    public static Variable concat(List<Variable> parts, int axis) {
        return SliceOps.concat(parts, axis);
    }

    /** Values picked along {@code axis} by an index shaped {@code indexDims}, {@link GatherOps#gather}. */
    public Variable gather(int axis, int[] index, int... indexDims) {
        return GatherOps.gather(this, axis, index, indexDims);
    }

    /** Inverted dropout in training, the identity otherwise, {@link DropoutOps#dropout}. */
    public Variable dropout(float probability, boolean training, Rng rng) {
        return DropoutOps.dropout(this, probability, training, rng);
    }

    @Override
    public String toString() {
        return (isLeaf() ? (requiresGrad ? "Parameter" : "Input") : "Result") + value.shape();
    }
}
