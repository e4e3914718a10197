package dev.descent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused momentum step of every kernel set: each element is PyTorch's update with separate
 * roundings and subnormal buffers flushed, computed here one element at a time, bit for bit,
 * with one compute thread and with two.
 */
class MomentumStepTest {
    private final int threadsBefore = ComputeThreads.threads();

    @AfterEach
    void restoreThreads() {
        ComputeThreads.setThreads(threadsBefore);
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {0, 1, 17, 1024, 32767, 32768, 65541, 235146})
    void everyKernelSetMatchesTheElementwiseUpdateOnOneAndTwoThreads(int n) {
        SplittableRandom random = new SplittableRandom(n);
        float[] g = new float[n];
        float[] b0 = new float[n];
        float[] w0 = new float[n];
        for (int i = 0; i < n; i++) {
            g[i] = (float) random.nextGaussian();
            b0[i] = i % 97 == 0 ? 1e-39f : (float) random.nextGaussian(); // some subnormal buffers
            w0[i] = (float) random.nextGaussian();
        }
        float scale = 0.5f;
        float mu = 0.9f;
        float keep = 1f;
        float factor = -0.05f;
        float[] expectedB = new float[n];
        float[] expectedW = new float[n];
        for (int i = 0; i < n; i++) {
            float bi = FlushToZero.flush(b0[i] * mu + keep * (g[i] * scale));
            expectedB[i] = bi;
            expectedW[i] = w0[i] + bi * factor;
        }
        for (Kernels kernel : TestKernels.all()) {
            for (int threads : new int[] {1, 2}) {
                ComputeThreads.setThreads(threads);
                float[] b = b0.clone();
                float[] w = w0.clone();
                kernel.momentumStep(n, g, scale, b, mu, keep, w, factor);
                assertThat(b).as("%s, %d threads: buffer", kernel.name(), threads).isEqualTo(expectedB);
                assertThat(w).as("%s, %d threads: weights", kernel.name(), threads).isEqualTo(expectedW);
            }
        }
    }
}
