package dev.descent.autodiff;

import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.Supplier;

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
 * A tape made by {@link #recycling()} goes one step further and reuses the {@link Variable}
 * nodes and backward steps themselves, so that a steady training step allocates nothing at
 * all. The price is that a variable kept past {@code reset()} may later stand for a different
 * value of a later step, where an ordinary tape would reject it as stale; the trainers, which
 * keep nothing, use recycling tapes.
 *
 * <p>A tape is used by one thread at a time.
 */
public final class Tape {
    private final boolean recording;
    private final boolean recycling;
    private final ArrayList<Variable> recorded = new ArrayList<>();
    private final TensorArena arena = new TensorArena();
    /** Recycling tapes only: every node handed out, and the backward steps, in the order of the last step. */
    private final ArrayList<Variable> nodes = new ArrayList<>();
    private final ArrayList<Backward> steps = new ArrayList<>();
    private int nodeCursor;
    private int stepCursor;
    private long generation;

    /** A recording tape. */
    public Tape() {
        this(true, false);
    }

    private Tape(boolean recording, boolean recycling) {
        this.recording = recording;
        this.recycling = recycling;
    }

    /** A tape that records nothing: operations only compute values (evaluation, inference). */
    public static Tape noGrad() {
        return new Tape(false, false);
    }

    /**
     * A recording tape that also reuses its variables and backward steps after {@link #reset()}:
     * for training loops that keep no variable from one step to the next. Once a step has run,
     * repeating it allocates nothing.
     */
    public static Tape recycling() {
        return new Tape(true, true);
    }

    /** A no-grad tape that reuses its variables after {@link #reset()} (evaluation loops). */
    public static Tape noGradRecycling() {
        return new Tape(false, true);
    }

    public boolean isRecording() {
        return recording;
    }

    /** Binds input data (no gradient wanted) to this tape, so operations on it are recorded here. */
    public Variable input(Tensor value) {
        return node(value, false, null, false);
    }

    /** Forgets every recorded operation and recycles its buffers for the next step. */
    public void reset() {
        recorded.clear();
        generation++;
        arena.rewind();
        nodeCursor = 0;
        stepCursor = 0;
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

    /** {@link #output(Shape)} for a matrix, without building a shape when the buffer is reused. */
    public Tensor output(int rows, int columns) {
        return arena.uninitialized(rows, columns);
    }

    /** A zero-filled buffer owned by this tape. */
    public Tensor zeros(Shape shape) {
        return arena.zeros(shape);
    }

    /**
     * A backward step object for an operation to fill in and pass to {@link #record}. A
     * recycling tape hands back the object it gave out at the same point of the previous step
     * when it has the right type, so operations that take their steps from here allocate
     * nothing in a repeated step; other tapes always make a new one.
     */
    public <T extends Backward> T step(Class<T> type, Supplier<T> create) {
        if (!recycling) {
            return create.get();
        }
        if (stepCursor < steps.size()) {
            Backward candidate = steps.get(stepCursor);
            if (candidate.getClass() == type) {
                stepCursor++;
                return type.cast(candidate);
            }
            T fresh = create.get();
            steps.set(stepCursor++, fresh);
            return fresh;
        }
        T fresh = create.get();
        steps.add(fresh);
        stepCursor++;
        return fresh;
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
        return result(value, needsGrad, backward);
    }

    /** {@link #record(Tensor, Backward, Variable...)} for one input, without an array. */
    public Variable record(Tensor value, Backward backward, Variable input) {
        return result(value, recording && input.requiresGrad(), backward);
    }

    /** {@link #record(Tensor, Backward, Variable...)} for two inputs, without an array. */
    public Variable record(Tensor value, Backward backward, Variable a, Variable b) {
        return result(value, recording && (a.requiresGrad() || b.requiresGrad()), backward);
    }

    /** {@link #record(Tensor, Backward, Variable...)} for three inputs, without an array. */
    public Variable record(Tensor value, Backward backward, Variable a, Variable b, Variable c) {
        return result(value, recording && (a.requiresGrad() || b.requiresGrad() || c.requiresGrad()), backward);
    }

    private Variable result(Tensor value, boolean needsGrad, Backward backward) {
        Variable result = node(value, needsGrad, needsGrad ? backward : null, true);
        if (needsGrad) {
            recorded.add(result);
        }
        return result;
    }

    private Variable node(Tensor value, boolean requiresGrad, Backward backward, boolean isResult) {
        if (!recycling) {
            return new Variable(value, requiresGrad, this, backward, isResult);
        }
        if (nodeCursor < nodes.size()) {
            return nodes.get(nodeCursor++).rebind(value, requiresGrad, backward, isResult);
        }
        Variable fresh = new Variable(value, requiresGrad, this, backward, isResult);
        nodes.add(fresh);
        nodeCursor++;
        return fresh;
    }

    /** Back-propagates from {@code root} with {@code seed} as its gradient; a null seed means all ones. */
    void backward(Variable root, Tensor seed) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException(recording
                    ? "backward(): this value does not depend on any parameter that requires a gradient"
                    : "backward(): this value was computed on a no-grad tape; use a recording tape (new Tape())");
        }
        if (seed != null) {
            root.value().requireSameShape(seed, "backward(seed)");
        }
        for (int i = 0; i < recorded.size(); i++) {
            recorded.get(i).clearGrad();
        }
        Tensor rootGrad = root.gradForOverwrite();
        if (seed != null) {
            rootGrad.copyFrom(seed);
        } else {
            Arrays.fill(rootGrad.data(), 1f);
        }
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

    /** {@link #of(String, Variable...)} for one operand, without an array. */
    public static Tape of(String operation, Variable operand) {
        requireFresh(operation, operand);
        Tape tape = operand.tape();
        if (tape == null) {
            throw unbound(operation);
        }
        return tape;
    }

    /** {@link #of(String, Variable...)} for two operands, without an array. */
    public static Tape of(String operation, Variable a, Variable b) {
        return shared(operation, shared(operation, null, a), b, true);
    }

    /** {@link #of(String, Variable...)} for three operands, without an array. */
    public static Tape of(String operation, Variable a, Variable b, Variable c) {
        return shared(operation, shared(operation, shared(operation, null, a), b), c, true);
    }

    private static Tape shared(String operation, Tape found, Variable v) {
        return shared(operation, found, v, false);
    }

    private static Tape shared(String operation, Tape found, Variable v, boolean last) {
        requireFresh(operation, v);
        Tape t = v.tape();
        if (t != null && found != null && found != t) {
            throw new IllegalArgumentException(operation
                    + ": operands come from two different tapes; compute them on one tape");
        }
        Tape result = t != null ? t : found;
        if (last && result == null) {
            throw unbound(operation);
        }
        return result;
    }

    private static void requireFresh(String operation, Variable v) {
        if (v.isStale()) {
            // reset() detached it: its value and gradient buffers now belong to a later step
            throw new IllegalArgumentException(operation
                    + ": an operand was computed before its tape was reset; compute it again after"
                    + " reset(), or keep a copy of its value and bind it with tape.input(value.copy())");
        }
    }

    private static IllegalArgumentException unbound(String operation) {
        return new IllegalArgumentException(operation + ": no operand is bound to a tape;"
                + " bind the input data first with tape.input(tensor)");
    }

    /** Finds the tape shared by the operands of an operation. */
    public static Tape of(String operation, Variable... operands) {
        Tape found = null;
        for (Variable v : operands) {
            found = shared(operation, found, v);
        }
        if (found == null) {
            throw unbound(operation);
        }
        return found;
    }
}
