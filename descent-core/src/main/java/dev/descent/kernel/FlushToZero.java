package dev.descent.kernel;

/**
 * The threshold below which optimizer buffers are flushed to zero.
 *
 * <p>A momentum buffer that decays by μ every step for weights whose gradient stays zero (the
 * always-blank border pixels of an image) sinks into the subnormal range, where every
 * arithmetic operation on x86 takes a microcode assist; the JVM cannot set the processor's
 * flush-to-zero mode, so the update kernels compare {@code |x| < THRESHOLD} and store 0.
 * Results differ from unflushed ones by less than {@link Float#MIN_NORMAL} ≈ 1.2·10⁻³⁸ per
 * element.
 *
 * <p>The system property {@value #PROPERTY}{@code =false} sets the threshold to 0, which no
 * absolute value is below: the same code then flushes nothing. It exists to measure what
 * flushing buys (BENCHMARKS.md); read once, so the JIT folds it into the kernels.
 */
public final class FlushToZero {
    /** System property: {@code true} (default) or {@code false}. */
    public static final String PROPERTY = "descent.flushSubnormals";

    /** {@link Float#MIN_NORMAL}, or 0 when flushing is switched off. */
    public static final float THRESHOLD = Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))
            ? Float.MIN_NORMAL : 0f;

    private FlushToZero() {
    }

    /** {@code x}, or 0 when {@code |x|} is below {@link #THRESHOLD} (a select the JIT vectorises). */
    public static float flush(float x) {
        return Math.abs(x) < THRESHOLD ? 0f : x;
    }
}
