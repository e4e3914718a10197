/**
 * Neural-network building blocks: the {@link dev.descent.nn.Layer} interface with
 * PyTorch-style parameter names, {@link dev.descent.nn.Linear}, {@link dev.descent.nn.Activation},
 * {@link dev.descent.nn.Dropout}, {@link dev.descent.nn.Flatten}, {@link dev.descent.nn.Sequential},
 * and {@link dev.descent.nn.Models} for common architectures (MLP, logistic regression).
 */
package dev.descent.nn;
