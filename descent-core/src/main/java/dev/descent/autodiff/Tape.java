package dev.descent.autodiff;

import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;

/**
 * Records operations as they run so that {@link Variable#backward()} can replay them in
 * reverse (reverse-mode automatic differentiation).
 *
 * <p>Operations are recorded in the order they execute, which is already a topological
 * order: backward walks the list from the end and calls each step's {@link Backward}.
 * A tape created by {@link #noGrad()} records nothing; use it for evaluation.
 *
 * <p>The tape also owns the buffers of every value and gradient it produced. {@link #reset()}
 * forgets the recorded operations and hands the same buffers out again in the next step, so
 * a training loop that resets its tape each step stops allocating after the first one.
 * Values obtained from a tape are therefore valid until its next {@code reset()}: copy what
 * must outlive the step.
 *
 * <pre>{@code
 * Tape tape = new Tape();
 * for (Batch batch : batches) {
 *     tape.reset();
 *     Variable loss = lossFunction.compute(model.forward(tape.input(batch.features())), batch.labels());
 *     optimizer.zeroGrad();
 *     loss.backward();
 *     optimizer.step();
 * }
 * }</pre>
 *
 * A tape is used by one thread at a time.
 */
public final class Tape {
    private final boolean recording;
    private final ArrayList<Variable> recorded = new ArrayList<>();
    private final TensorArena arena = new TensorArena();
    private long generation;

    /** A recording tape. */
    public Tape() {
        this(true);
    }

    private Tape(boolean recording) {
        this.recording = recording;
    }

    /** A tape that records nothing: operations only compute values (evaluation, inference). */
    public static Tape noGrad() {
        return new Tape(false);
    }

    public boolean isRecording() {
        return recording;
    }

    /** Binds input data (no gradient wanted) to this tape, so operations on it are recorded here. */
    public Variable input(Tensor value) {
        return new Variable(value, false, this, null);
    }

    /** Forgets every recorded operation and recycles its buffers for the next step. */
    public void reset() {
        recorded.clear();
        generation++;
        arena.rewind();
    }

    /** Number of operations recorded since the last reset. */
    public int size() {
        return recorded.size();
    }

    /**
     * A buffer for an operation's result, owned by this tape. Its values are left over from an
     * earlier step: the operation must write every element.
     */
    public Tensor output(Shape shape) {
        return arena.uninitialized(shape);
    }

    /** A zero-filled buffer owned by this tape. */
    public Tensor zeros(Shape shape) {
        return arena.zeros(shape);
    }

    /**
     * Records the result of an operation. The result needs a gradient when this tape records
     * and any input needs one; otherwise {@code backward} is dropped.
     */
    public Variable record(Tensor value, Backward backward, Variable... inputs) {
        boolean needsGrad = false;
        if (recording) {
            for (Variable input : inputs) {
                needsGrad |= input.requiresGrad();
            }
        }
        Variable result = new Variable(value, needsGrad, this, needsGrad ? backward : null, true);
        if (needsGrad) {
            recorded.add(result);
        }
        return result;
    }

    void backward(Variable root, Tensor seed) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException(recording
                    ? "backward(): this value does not depend on any parameter that requires a gradient"
                    : "backward(): this value was computed on a no-grad tape; use a recording tape (new Tape())");
        }
        root.value().requireSameShape(seed, "backward(seed)");
        for (int i = 0; i < recorded.size(); i++) {
            recorded.get(i).clearGrad();
        }
        root.gradForAccumulation().copyFrom(seed);
        for (int i = recorded.size() - 1; i >= 0; i--) {
            Variable node = recorded.get(i);
            if (node.hasGrad()) {
                node.backwardStep().propagate(node.grad());
            }
        }
    }

    /** Incremented by every {@link #reset()}: results remember the one they were computed in. */
    long generation() {
        return generation;
    }

    /** Finds the tape shared by the operands of an operation. */
    public static Tape of(String operation, Variable... operands) {
        Tape found = null;
        for (Variable v : operands) {
            Tape t = v.tape();
            if (v.isStale()) {
                // reset() detached it: its value and gradient buffers now belong to a later step
                throw new IllegalArgumentException(operation
                        + ": an operand was computed before its tape was reset; compute it again after"
                        + " reset(), or keep a copy of its value and bind it with tape.input(value.copy())");
            }
            if (t != null) {
                if (found != null && found != t) {
                    throw new IllegalArgumentException(operation
                            + ": operands come from two different tapes; compute them on one tape");
                }
                found = t;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException(operation + ": no operand is bound to a tape;"
                    + " bind the input data first with tape.input(tensor)");
        }
        return found;
    }
}
