package dev.descent.jmh;

import java.util.SplittableRandom;

/** Benchmark inputs: reproducible uniform values in [-1, 1). */
final class RandomArrays {
    private RandomArrays() {
    }

    static float[] uniform(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}
