/**
 * Dense float32 kernels (matrix product, elementwise, reductions) behind one narrow
 * interface, {@link dev.descent.kernel.Kernels}, with a scalar implementation and a Vector API
 * one chosen once at start-up by {@link dev.descent.kernel.KernelProvider}. Nothing outside
 * {@code dev.descent.kernel.simd} mentions {@code jdk.incubator.vector}.
 *
 * <p>{@link dev.descent.kernel.ComputeThreads} holds the process-wide thread count and the
 * worker pool large products are split over; {@link dev.descent.kernel.GemmBenchmark} measures
 * matrix-product throughput; {@link dev.descent.kernel.KernelWarmup} runs the kernels on a
 * background thread while data load, so that they are compiled before training starts. {@link dev.descent.kernel.GemmArguments},
 * {@link dev.descent.kernel.GemmCall}, {@link dev.descent.kernel.OutputSplit} and
 * {@link dev.descent.kernel.ScratchPadding} are shared by the two implementations (public only
 * because the Vector API one lives in another package).
 *
 * <p>Determinism: for a given implementation every result is a function of the inputs alone,
 * not of the thread count (threads split the output, never a sum) and not of the JIT tier
 * (vector lanes are summed in a fixed order).
 */
package dev.descent.kernel;
