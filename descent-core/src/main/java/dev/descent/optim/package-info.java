/**
 * Optimizers that turn accumulated gradients into parameter updates: immutable configs with
 * PyTorch's names and defaults ({@link dev.descent.optim.Sgd}, {@link dev.descent.optim.Adam},
 * …), each a chain of the update rules in {@code dev.descent.optim.rule}, and the
 * {@link dev.descent.optim.OptimizerBuilder} that adds a learning-rate schedule, parameter
 * groups, regularisers, clipping and accumulation. A config's {@code with…} methods check their
 * own value and can come in any order; rules between values are checked when the optimizer is
 * built. The table is {@code docs/optimizers.md}.
 */
package dev.descent.optim;
