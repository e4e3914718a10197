/**
 * Update rules: the small stages optimizers are composed of. Each transforms a parameter's
 * update vector in place ({@link dev.descent.optim.rule.UpdateRule}) and declares the state it
 * keeps ({@link dev.descent.optim.rule.StateSpec}, with PyTorch's state names); each Javadoc
 * gives its equation and reference. {@link dev.descent.optim.rule.ScaleByLearningRate} owns the
 * sign convention.
 */
package dev.descent.optim.rule;
