/**
 * Reverse-mode automatic differentiation on float32 tensors.
 *
 * <p>A {@link dev.descent.autodiff.Tape} records operations in execution order;
 * {@link dev.descent.autodiff.Variable#backward()} walks them in reverse and fills the
 * gradients of parameters. Operations are grouped by family, one class each:
 * {@link dev.descent.autodiff.MatrixOps} (matmul, the fused linear layer),
 * {@link dev.descent.autodiff.ArithmeticOps} (add, sub, mul, div with row broadcasting),
 * {@link dev.descent.autodiff.ElementwiseOps} (exp, log and activations),
 * {@link dev.descent.autodiff.ReductionOps}, {@link dev.descent.autodiff.SoftmaxOps},
 * {@link dev.descent.autodiff.ShapeOps} and {@link dev.descent.autodiff.DropoutOps}.
 * A new operation computes its value into {@link dev.descent.autodiff.Tape#output} and
 * registers its local backward with {@link dev.descent.autodiff.Tape#record}; operations used
 * in training loops register a reusable step from {@link dev.descent.autodiff.Tape#step} so
 * that a {@link dev.descent.autodiff.Tape#recycling()} tape allocates nothing per step.
 */
package dev.descent.autodiff;
