/**
 * Reverse-mode automatic differentiation on float32 tensors.
 *
 * <p>A {@link dev.descent.autodiff.Tape} records operations in execution order;
 * {@link dev.descent.autodiff.Variable#backward()} walks them in reverse and fills the
 * gradients of parameters. Operations are grouped by family, one class each:
 * {@link dev.descent.autodiff.MatrixOps} (matmul, the fused linear layer),
 * {@link dev.descent.autodiff.ArithmeticOps} (add, sub, mul, div, minimum, maximum with row
 * broadcasting), {@link dev.descent.autodiff.ElementwiseOps} (exp, log, abs, sqrt, pow, clamp
 * and activations), {@link dev.descent.autodiff.ReductionOps} (sum, mean, max, whole or along
 * an axis), {@link dev.descent.autodiff.SoftmaxOps}, {@link dev.descent.autodiff.ShapeOps}
 * (reshape, view, flatten, transpose), {@link dev.descent.autodiff.SliceOps} (slice, narrow,
 * concat), {@link dev.descent.autodiff.GatherOps}, {@link dev.descent.autodiff.DropoutOps},
 * {@link dev.descent.autodiff.ConvOps} (conv2d on NCHW images),
 * {@link dev.descent.autodiff.PoolOps} (max, average and global average pooling) and
 * {@link dev.descent.autodiff.NormOps} (batch and layer normalisation).
 * Names and semantics follow PyTorch; docs/tensors.md maps one onto the other.
 * A new operation computes its value into {@link dev.descent.autodiff.Tape#output} and
 * registers its local backward with {@link dev.descent.autodiff.Tape#record}; operations used
 * in training loops register a reusable step from {@link dev.descent.autodiff.Tape#step} so
 * that a {@link dev.descent.autodiff.Tape#recycling()} tape allocates nothing per step.
 */
package dev.descent.autodiff;
