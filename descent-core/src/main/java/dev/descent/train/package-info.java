/**
 * Training loops and evaluation: {@link dev.descent.train.ClassifierTrainer} runs mini-batch
 * steps and epochs, {@link dev.descent.train.Evaluator} measures loss and accuracy without
 * recording gradients.
 */
package dev.descent.train;
