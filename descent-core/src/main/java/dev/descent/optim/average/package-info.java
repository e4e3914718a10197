/**
 * Iterate averaging: an averaged copy of a model's parameters, kept beside the iterates that
 * SGD produces, to damp their oscillation around a minimum. An
 * {@link dev.descent.optim.average.AveragingRule} says which iterates join the average and with
 * what weight: {@link dev.descent.optim.average.PolyakAveraging} (the running mean from a start
 * step), {@link dev.descent.optim.average.ExponentialMovingAverage} (recent iterates weigh
 * most) and {@link dev.descent.optim.average.StochasticWeightAveraging} (every k-th iterate,
 * usually the epochs' last, under a constant or cyclic rate).
 * {@link dev.descent.optim.average.AveragedParameters} holds the average and its counter,
 * updates it after each optimizer step without allocating, swaps it into the model for
 * evaluation or saving, and saves and restores its state for checkpoints. The
 * trainer takes a rule with {@code Trainer.averageParameters(rule)}.
 *
 * <p>Only the trainable parameters are averaged. Batch normalisation's running statistics are
 * buffers, not parameters: they stay those of the live model, and are not recomputed for the
 * averaged weights (PyTorch's {@code torch.optim.swa_utils.update_bn} does that; Descent has no
 * counterpart yet).
 */
package dev.descent.optim.average;
