/**
 * Dense float32 tensors in row-major order: {@link dev.descent.tensor.Shape} and
 * {@link dev.descent.tensor.Tensor}. Shapes are checked and errors name both shapes.
 */
package dev.descent.tensor;
