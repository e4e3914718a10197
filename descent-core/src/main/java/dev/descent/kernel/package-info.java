/**
 * Dense float32 kernels (matrix product, elementwise, reductions) behind one narrow
 * interface, {@link dev.descent.kernel.Kernels}, with a scalar implementation and a Vector API
 * one chosen once at start-up by {@link dev.descent.kernel.KernelProvider}. Nothing outside
 * {@code dev.descent.kernel.simd} mentions {@code jdk.incubator.vector}.
 */
package dev.descent.kernel;
