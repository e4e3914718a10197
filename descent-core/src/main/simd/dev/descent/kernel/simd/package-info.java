/**
 * The Vector API ({@code jdk.incubator.vector}) implementation of
 * {@link dev.descent.kernel.Kernels}: the only package in Descent that imports the incubator
 * module.
 *
 * <p>It lives in its own source folder, compiled with {@code --add-modules jdk.incubator.vector},
 * and is reached only by reflection from {@link dev.descent.kernel.KernelProvider}, which falls
 * back to {@link dev.descent.kernel.ScalarKernels} when the module is missing: loading these
 * classes without it throws {@code NoClassDefFoundError}. The incubator API may change between
 * JDK releases; keeping it behind this package confines any such change to a few files.
 */
package dev.descent.kernel.simd;
