package dev.descent.kernel;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Child-JVM program for {@link JitTierTest}: runs reductions and products on fixed inputs once
 * in a fresh JVM (interpreted), then many times (until C2 has compiled them), and prints
 * {@code same} if every later result has the bits of the first, else what differed.
 */
public final class JitTierMain {
    private JitTierMain() {
    }

    public static void main(String[] args) {
        Kernels kernels = args.length > 0 && args[0].equals("scalar") ? KernelProvider.scalar()
                : KernelProvider.vectorOrNull();
        if (kernels == null) {
            System.out.println("unavailable");
            return;
        }
        SplittableRandom random = new SplittableRandom(3);
        float[] x = ReferenceKernels.random(1000, random);
        float[] y = ReferenceKernels.random(1000, random);
        float[] b = ReferenceKernels.random(40 * 300, random);
        float[] first = results(kernels, x, y, b);
        long deadline = System.nanoTime() + 3_000_000_000L;
        for (int i = 0; i < 20_000 && System.nanoTime() < deadline; i++) {
            float[] now = results(kernels, x, y, b);
            if (!Arrays.equals(now, first)) {
                System.out.println("differs at call " + i + ": " + Arrays.toString(first) + " vs " + Arrays.toString(now));
                return;
            }
        }
        System.out.println("same");
    }

    /** sum, dot, and a few elements of one-row and three-row products (row path) and a blocked one. */
    private static float[] results(Kernels kernels, float[] x, float[] y, float[] b) {
        float[] c1 = new float[40];
        kernels.gemm(false, true, 1, 40, 300, 1f, x, 0, 300, b, 0, 300, 0f, c1, 0, 40);
        float[] c3 = new float[3 * 40];
        kernels.gemm(false, true, 3, 40, 300, 1f, x, 0, 300, b, 0, 300, 0f, c3, 0, 40);
        float[] c = new float[3 * 40];
        kernels.gemm(false, false, 3, 40, 300, 1f, x, 0, 300, b, 0, 40, 0f, c, 0, 40);
        float[] big = new float[9 * 40];
        kernels.gemm(false, false, 9, 40, 100, 1f, x, 0, 100, b, 0, 40, 0f, big, 0, 40);
        return new float[] {kernels.sum(1000, x, 0), kernels.dot(1000, x, 0, y, 0), c1[0], c1[39], c3[77],
            c[5], c[117], big[0], big[359]};
    }
}
