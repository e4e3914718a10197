package dev.descent.autodiff;

import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * Buffers of one tape, handed out in allocation order and handed out again, in the same
 * order, after {@link #rewind()}. A training step repeats the same operations on the same
 * shapes, so from the second step on every request finds a buffer of the right size and
 * nothing is allocated.
 */
final class TensorArena {
    private final ArrayList<Tensor> buffers = new ArrayList<>();
    private int cursor;

    /** A tensor of the given shape whose values are left over from an earlier use. */
    Tensor uninitialized(Shape shape) {
        if (cursor < buffers.size()) {
            Tensor candidate = buffers.get(cursor);
            if (candidate.shape().equals(shape)) {
                cursor++;
                return candidate;
            }
            if (candidate.size() == shape.size()) {
                Tensor reshaped = Tensor.wrap(candidate.data(), shape);
                buffers.set(cursor++, reshaped);
                return reshaped;
            }
            Tensor fresh = Tensor.zeros(shape);
            buffers.set(cursor++, fresh);
            return fresh;
        }
        Tensor fresh = Tensor.zeros(shape);
        buffers.add(fresh);
        cursor++;
        return fresh;
    }

    /** {@link #uninitialized(Shape)} for a matrix; builds a shape only when the buffer must change. */
    Tensor uninitialized(int rows, int columns) {
        if (cursor < buffers.size()) {
            Tensor candidate = buffers.get(cursor);
            if (candidate.rank() == 2 && candidate.dim(0) == rows && candidate.dim(1) == columns) {
                cursor++;
                return candidate;
            }
        }
        return uninitialized(Shape.of(rows, columns));
    }

    Tensor zeros(Shape shape) {
        Tensor t = uninitialized(shape);
        Arrays.fill(t.data(), 0f);
        return t;
    }

    void rewind() {
        cursor = 0;
    }

    /** Floats held, for tests and memory reports. */
    long floatsHeld() {
        long total = 0;
        for (Tensor t : buffers) {
            total += t.size();
        }
        return total;
    }
}
