/**
 * Deterministic full-batch minimisation of a smooth function of a flat double vector: the
 * classical methods of numerical optimisation, written to be read next to a textbook.
 *
 * <ul>
 *   <li>Functions: {@link dev.descent.solver.DifferentiableFunction} (value and gradient),
 *       {@link dev.descent.solver.TwiceDifferentiableFunction} (and a dense Hessian),
 *       {@link dev.descent.solver.QuadraticFunction} (½xᵀAx − bᵀx + c, the model problem).</li>
 *   <li>Line searches, one {@link dev.descent.solver.LineSearch} interface:
 *       {@link dev.descent.solver.BacktrackingArmijo}, {@link dev.descent.solver.StrongWolfe},
 *       {@link dev.descent.solver.ExactQuadraticLineSearch}.</li>
 *   <li>Solvers, each an immutable config record implementing
 *       {@link dev.descent.solver.Solver}: {@link dev.descent.solver.GradientDescent} (with a
 *       {@link dev.descent.solver.StepSize}), {@link dev.descent.solver.NesterovAcceleratedGradient},
 *       {@link dev.descent.solver.NonlinearConjugateGradient}, {@link dev.descent.solver.Lbfgs} and
 *       {@link dev.descent.solver.NewtonMethod}.</li>
 *   <li>{@link dev.descent.solver.StoppingCriteria} says when to stop;
 *       {@link dev.descent.solver.SolverResult} says where, why
 *       ({@link dev.descent.solver.StopReason}) and how it got there (the per-iteration
 *       history of f and ‖∇f‖).</li>
 * </ul>
 *
 * <p>A run never throws for a numerical failure: a NaN or infinite value stops it as
 * {@link dev.descent.solver.StopReason#DIVERGED} with the iteration and a suggestion, a line
 * search that cannot progress as {@link dev.descent.solver.StopReason#LINE_SEARCH_FAILED}, or,
 * when the gradient has already fallen to the precision f is computed in (a function says which,
 * {@link dev.descent.solver.DifferentiableFunction#relativePrecision()}: float32 for a model's
 * objective), as converged to that precision, {@link dev.descent.solver.StopReason#PRECISION_LIMIT}.
 * {@link dev.descent.solver.StoppingCriteria#forFloat32()} gives tolerances such an objective
 * can meet.
 * Invalid configurations throw {@link IllegalArgumentException} from the record's constructor,
 * naming the parameter, the value and the allowed range. Nothing here imports another Descent
 * package; models are adapted to {@code DifferentiableFunction} elsewhere.
 *
 * <p>Measured iteration counts on the test problems (ill-conditioned quadratics, Rosenbrock,
 * logistic regression) are printed by {@code IterationCountTable} in the test sources.
 */
package dev.descent.solver;
