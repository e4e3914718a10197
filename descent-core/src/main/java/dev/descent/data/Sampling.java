package dev.descent.data;

/** Argument checks and draws shared by the samplers. */
final class Sampling {
    private Sampling() {
    }

    static void requirePositive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be ≥ 1, got " + value);
        }
    }

    /** Cumulative sums of non-negative probabilities (not necessarily normalised). */
    static double[] cumulative(double[] p) {
        double[] c = new double[p.length];
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            total += p[i];
            c[i] = total;
        }
        return c;
    }

    /** The index i with cumulative[i−1] ≤ u·total &lt; cumulative[i], by binary search. */
    static int draw(double[] cumulative, double u) {
        double target = u * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > target) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
