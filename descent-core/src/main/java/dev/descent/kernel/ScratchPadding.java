package dev.descent.kernel;

/**
 * Padding for per-thread scratch arrays. Measured on this kind of machine: two threads whose
 * scratch arrays ended up next to each other (large arrays are allocated outside thread-local
 * buffers, and the garbage collector moves and packs objects) shared a cache line and ran at
 * half speed, in a pattern that changed from run to run. A tail of two cache lines on every
 * scratch array keeps any other object off the lines it writes, at least on the side that
 * follows it; the side before it is the tail of the previous object, padded too when that
 * object is another scratch array.
 */
public final class ScratchPadding {
    /** Tail length in floats: 128 bytes, two cache lines (the adjacent-line prefetcher pairs them). */
    public static final int FLOATS = 32;

    private ScratchPadding() {
    }

    /** A zeroed array of {@code length} usable floats plus the padding tail. */
    public static float[] floats(int length) {
        return new float[length + FLOATS];
    }
}
