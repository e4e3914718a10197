package dev.descent.kernel;

/**
 * Chooses the {@link Kernels} implementation once per JVM.
 *
 * <p>Placeholder selection: always scalar. Replaced by the Vector API lookup.
 */
public final class KernelProvider {
    private static final Kernels KERNELS = new ScalarKernels();

    private KernelProvider() {
    }

    /** The kernels chosen for this JVM. */
    public static Kernels kernels() {
        return KERNELS;
    }
}
