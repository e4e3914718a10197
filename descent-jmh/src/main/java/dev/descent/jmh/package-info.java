/**
 * JMH micro-benchmarks of Descent's kernels and of one training step, run by hand from
 * {@code descent-jmh/target/benchmarks.jar} (never by the build or the tests).
 *
 * <p>{@link dev.descent.jmh.SgemmBenchmark} times the matrix product on the FMNIST-MLP's
 * shapes, {@link dev.descent.jmh.ElementwiseBenchmark} and
 * {@link dev.descent.jmh.ReductionBenchmark} the elementwise and reduction kernels, and
 * {@link dev.descent.jmh.TrainingStepBenchmark} one whole FMNIST-MLP training step. Each is
 * parameterised by {@code kernels} ({@code vector} or {@code scalar}), obtained through
 * {@link dev.descent.kernel.KernelProvider}; forks get {@code --add-modules jdk.incubator.vector}
 * so that the vector kernels can load.
 */
package dev.descent.jmh;
