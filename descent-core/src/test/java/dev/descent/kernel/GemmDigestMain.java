package dev.descent.kernel;

import java.util.Random;
import java.util.zip.CRC32;

/**
 * Prints a digest of the bits of many matrix products (shapes with edge tiles, every transpose,
 * beta 0, 1 and other, one and two threads) and the register-tile height in use; run in a child
 * JVM by {@link TileHeightTest} with each {@code -Ddescent.gemm.mr}.
 */
public final class GemmDigestMain {
    private GemmDigestMain() {
    }

    public static void main(String[] args) {
        System.out.println("kernels=" + KernelProvider.kernels().description());
        System.out.println("digest=" + digest());
    }

    /** CRC-32 over the float bits of every product's result. */
    static long digest() {
        int[][] shapes = {{13, 37, 29}, {64, 256, 784}, {97, 70, 300}, {128, 10, 64}, {30, 33, 513}};
        float[] betas = {0f, 1f, 0.5f};
        CRC32 crc = new CRC32();
        Random random = new Random(2026);
        int threadsBefore = ComputeThreads.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                ComputeThreads.setThreads(threads);
                for (int[] shape : shapes) {
                    int m = shape[0];
                    int n = shape[1];
                    int k = shape[2];
                    for (int transposes = 0; transposes < 4; transposes++) {
                        boolean ta = (transposes & 1) != 0;
                        boolean tb = (transposes & 2) != 0;
                        float beta = betas[(transposes + m) % betas.length];
                        float[] a = values(random, m * k);
                        float[] b = values(random, k * n);
                        float[] c = values(random, m * n);
                        KernelProvider.kernels().gemm(ta, tb, m, n, k, 0.75f, a, 0, ta ? m : k, b, 0, tb ? k : n,
                                beta, c, 0, n);
                        for (float x : c) {
                            int bits = Float.floatToRawIntBits(x);
                            crc.update(bits);
                            crc.update(bits >>> 8);
                            crc.update(bits >>> 16);
                            crc.update(bits >>> 24);
                        }
                    }
                }
            }
        } finally {
            ComputeThreads.setThreads(threadsBefore);
        }
        return crc.getValue();
    }

    private static float[] values(Random random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = random.nextFloat() * 2 - 1;
        }
        return x;
    }
}
