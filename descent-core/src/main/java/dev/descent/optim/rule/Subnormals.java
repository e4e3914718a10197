package dev.descent.optim.rule;

import dev.descent.kernel.FlushToZero;

/**
 * Flushing subnormal floats to zero in optimizer state: the update rules' form of
 * {@link FlushToZero}, which says why and how much it changes results.
 */
public final class Subnormals {
    private Subnormals() {
    }

    /** {@code x}, or 0 when {@code x} is subnormal (see {@link FlushToZero}). */
    public static float flush(float x) {
        return FlushToZero.flush(x);
    }
}
