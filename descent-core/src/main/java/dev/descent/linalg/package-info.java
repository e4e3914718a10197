/**
 * Dense double-precision linear algebra for closed-form baselines on small problems (up to
 * about 10⁵ rows and 10³ columns).
 *
 * <ul>
 *   <li>{@link dev.descent.linalg.DoubleMatrix}: a row-major matrix with the few products the
 *       solvers need, {@code XᵀX} and {@code Xᵀy} streamed row by row.</li>
 *   <li>{@link dev.descent.linalg.Cholesky}: {@code A = LLᵀ} for symmetric positive-definite
 *       {@code A}, and {@code Ax = b}.</li>
 *   <li>{@link dev.descent.linalg.QR}: Householder {@code A = QR}, and {@code min ‖Ax − b‖}.</li>
 *   <li>Minimum-norm least squares for any rank (QR with column pivoting, a complete
 *       orthogonal decomposition): {@link dev.descent.linalg.LeastSquaresSolver#MINIMUM_NORM}.</li>
 *   <li>{@link dev.descent.linalg.LeastSquares}: ordinary least squares and ridge regression on
 *       {@code (1/n) Σᵢ (xᵢᵀw + b − yᵢ)² + λ‖w‖²}, the objective the gradient-based trainers
 *       minimise, with the result in {@link dev.descent.linalg.LeastSquaresFit}.</li>
 * </ul>
 *
 * <p>Failures name the problem and the fix: a pivot that is not positive
 * ({@link dev.descent.linalg.NotPositiveDefiniteException}) or a column that depends on the
 * earlier ones ({@link dev.descent.linalg.RankDeficientException}) both point to a ridge
 * penalty or to the minimum-norm solver; a non-finite input names its row and column. Float32 inputs (tensors) are widened
 * to double as they are read; the results are deterministic functions of the inputs.
 */
package dev.descent.linalg;
