package dev.descent.jmh;

import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;

/** The kernel implementation a benchmark's {@code kernels} parameter names. */
final class KernelChoice {
    private KernelChoice() {
    }

    /**
     * {@code scalar} or {@code vector}, whatever this JVM would choose by itself.
     *
     * @throws IllegalStateException if {@code vector} is asked for and cannot load here
     */
    static Kernels named(String name) {
        switch (name) {
            case "scalar":
                return KernelProvider.scalar();
            case "vector":
                Kernels vector = KernelProvider.vectorOrNull();
                if (vector == null) {
                    throw new IllegalStateException("vector kernels unavailable (" + KernelProvider.selection()
                            + "): fork the benchmark JVM with --add-modules jdk.incubator.vector");
                }
                return vector;
            default:
                throw new IllegalArgumentException("kernels must be vector or scalar, got '" + name + "'");
        }
    }
}
