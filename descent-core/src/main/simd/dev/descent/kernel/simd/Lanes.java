package dev.descent.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * A horizontal sum with a fixed order, for results that must not depend on the JIT.
 *
 * <p>{@code reduceLanes(ADD)} leaves the order of the float additions to the implementation,
 * and it differs between tiers: measured on JDK 25, the interpreted code adds the lanes in
 * sequence, the C2 intrinsic in a tree, so the same call returned different bits before and
 * after warm-up. Here the tree is explicit: swap halves and add, then quarters, and so on; a
 * shuffle moves bits exactly and each add is one IEEE operation per lane, so every tier computes
 * the same value.
 */
final class Lanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    // Shuffles that swap neighbouring groups of 8, 4, 2 and 1 lanes (null when wider than a vector).
    private static final VectorShuffle<Float> SWAP_8 = swap(8);
    private static final VectorShuffle<Float> SWAP_4 = swap(4);
    private static final VectorShuffle<Float> SWAP_2 = swap(2);
    private static final VectorShuffle<Float> SWAP_1 = swap(1);

    private Lanes() {
    }

    private static VectorShuffle<Float> swap(int distance) {
        return distance < L ? VectorShuffle.fromOp(S, i -> i ^ distance) : null;
    }

    /** Sum of all lanes, in the same order on every JIT tier. */
    static float sum(FloatVector v) {
        if (L > 16) {
            return sumInOrder(v);
        }
        if (L == 16) {
            v = v.add(v.rearrange(SWAP_8));
        }
        if (L >= 8) {
            v = v.add(v.rearrange(SWAP_4));
        }
        if (L >= 4) {
            v = v.add(v.rearrange(SWAP_2));
        }
        if (L >= 2) {
            v = v.add(v.rearrange(SWAP_1));
        }
        return v.lane(0);
    }

    /**
     * {@link #sum} of the vector stored at {@code lanes[offset ..]}. Takes an array, not a
     * vector, so that callers near C2's inlining budget never have to box a vector to call it.
     */
    static float sumStored(float[] lanes, int offset) {
        return sum(FloatVector.fromArray(S, lanes, offset));
    }

    /** Wider vectors than AVX-512 (SVE): lane by lane, slower but just as fixed. */
    private static float sumInOrder(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < L; i++) {
            s += v.lane(i);
        }
        return s;
    }
}
