/**
 * Neural-network building blocks: the {@link dev.descent.nn.Layer} interface (PyTorch's
 * {@code nn.Module}) with PyTorch-style parameter names and {@code stateDict}/{@code loadStateDict},
 * {@link dev.descent.nn.Linear}, {@link dev.descent.nn.Activation}, {@link dev.descent.nn.Dropout},
 * {@link dev.descent.nn.Flatten}, {@link dev.descent.nn.Unflatten}, the convolutional layers
 * ({@link dev.descent.nn.Conv2d}, {@link dev.descent.nn.MaxPool2d}, {@link dev.descent.nn.AvgPool2d},
 * {@link dev.descent.nn.GlobalAvgPool2d}, {@link dev.descent.nn.Dropout2d}), normalisation
 * ({@link dev.descent.nn.BatchNorm1d}, {@link dev.descent.nn.BatchNorm2d} with PyTorch's running-statistics
 * buffers, {@link dev.descent.nn.LayerNorm}), {@link dev.descent.nn.Residual} blocks,
 * {@link dev.descent.nn.Sequential},
 * {@link dev.descent.nn.CompositeLayer} for custom layers made of named parts, and
 * {@link dev.descent.nn.Models} for common architectures (MLP, logistic regression), and
 * {@link dev.descent.nn.ModelSpec}, an architecture as data.
 * docs/layers.md shows how to use and write layers.
 */
package dev.descent.nn;
