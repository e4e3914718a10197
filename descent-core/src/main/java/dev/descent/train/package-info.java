/**
 * Training and evaluation: the one {@link dev.descent.train.Trainer} runs mini-batch steps and
 * epochs for every supervised task, its {@link dev.descent.train.Objective} (class labels or
 * real-valued targets) says what is minimised and how a model is scored;
 * {@link dev.descent.train.TrainingCallback}s add early stopping, budgets, checkpoints
 * ({@link dev.descent.train.Checkpoints}) and the plateau schedule
 * ({@link dev.descent.train.PlateauFeedback}); {@link dev.descent.train.Evaluator} gives a
 * classifier's full report without recording gradients; {@link dev.descent.train.EmpiricalRisk}
 * is a model's risk as a function for the full-batch solvers.
 */
package dev.descent.train;
