package dev.descent.random;

/**
 * A small, fast, seedable random generator whose whole state is one {@code long}
 * (SplitMix64, Steele, Lea and Flood 2014). Every random choice in Descent — initial weights,
 * shuffles, dropout masks — comes from an explicit {@code Rng}; there is no global generator.
 *
 * <p>The state can be read and restored ({@link #state()}, {@link #setState(long)}) so that a
 * resumed run continues the same sequence. {@link #split()} derives an independent generator,
 * e.g. one per layer, without disturbing the order of the parent's draws more than one step.
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** The current state; {@code new Rng(0).setState(s)} reproduces this generator exactly. */
    public long state() {
        return state;
    }

    public void setState(long state) {
        this.state = state;
    }

    public long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** An independent generator seeded from this one's next value. */
    public Rng split() {
        return new Rng(nextLong());
    }

    /** Uniform in [0, bound), unbiased (Lemire's method with rejection). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xffffffffL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xffffffffL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, 1) with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Standard normal, by the Box–Muller transform (one value per call, no cached spare). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // in (0, 1]: log is finite
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Shuffles {@code values} in place (Fisher–Yates). */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** A uniformly random permutation of 0..n-1. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p);
        return p;
    }
}
