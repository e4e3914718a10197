/**
 * Trained models as artifacts that work on new data: {@link dev.descent.model.ModelBundle}
 * (architecture, task, output names, fitted preprocessing and a fingerprint of the training
 * data, saved inside the weights' safetensors file), {@link dev.descent.model.Predictor}
 * (predictions and probabilities on raw rows, data sets or tables),
 * {@link dev.descent.model.DataFingerprint} (proof that a run's data files did not change), and
 * the scikit-learn-style networks {@link dev.descent.model.MlpClassifier} and
 * {@link dev.descent.model.MlpRegressor} (fit, predict, partialFit, save, load), trained by the
 * one {@link dev.descent.train.Trainer}.
 */
package dev.descent.model;
