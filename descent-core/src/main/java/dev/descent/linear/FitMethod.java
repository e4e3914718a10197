package dev.descent.linear;

import dev.descent.linalg.LeastSquaresSolver;
import dev.descent.optim.OptimizerConfig;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.solver.DifferentiableFunction;
import dev.descent.solver.NewtonMethod;
import dev.descent.solver.Solver;
import dev.descent.solver.StoppingCriteria;

/**
 * How a linear model minimises its objective: in closed form (least squares and ridge only),
 * with a deterministic full-batch solver over the whole training set, or with mini-batch
 * stochastic optimisation. All three minimise the same objective, so their answers can be
 * compared.
 */
public sealed interface FitMethod {

    /**
     * Least squares and ridge only: the normal equations by Cholesky, QR, or the minimum-norm
     * solution for any rank ({@link LeastSquaresSolver#MINIMUM_NORM}, LinearRegression's
     * default without a penalty).
     */
    record ClosedForm(LeastSquaresSolver solver) implements FitMethod {
    }

    /**
     * Newton's method with the exact Hessian, in double precision (iteratively reweighted least
     * squares): binary logistic regression only, for a moderate number of features.
     */
    record Newton(NewtonMethod solver, StoppingCriteria stopping) implements FitMethod {
    }

    /** A full-batch solver (gradient descent, L-BFGS, conjugate gradient, …) on the exact objective. */
    record FullBatch(Solver<DifferentiableFunction> solver, StoppingCriteria stopping) implements FitMethod {
    }

    /**
     * Mini-batch training with an optimizer over shuffled batches (a new order every epoch,
     * from {@code seed}); a null schedule keeps the optimizer's constant rate.
     */
    record MiniBatch(OptimizerConfig optimizer, LearningRateSchedule schedule, int epochs, int batchSize, long seed)
            implements FitMethod {
        public MiniBatch {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be ≥ 1, got " + epochs);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
            }
        }
    }

    /** The closed form by Cholesky on the normal equations (ridge's default). */
    static FitMethod closedForm() {
        return new ClosedForm(LeastSquaresSolver.CHOLESKY);
    }

    /** Newton's method in double precision until ‖∇f‖ ≤ 10⁻⁹ (binary logistic regression). */
    static FitMethod newton() {
        return new Newton(NewtonMethod.defaults(), StoppingCriteria.defaults().withGradientTolerance(1e-9));
    }

    /** {@code solver} on the exact objective until {@code stopping} says so. */
    static FitMethod fullBatch(Solver<DifferentiableFunction> solver, StoppingCriteria stopping) {
        return new FullBatch(solver, stopping);
    }

    /** {@code epochs} epochs of {@code optimizer} over shuffled batches (see {@link MiniBatch}). */
    static FitMethod miniBatch(OptimizerConfig optimizer, LearningRateSchedule schedule, int epochs, int batchSize,
                               long seed) {
        return new MiniBatch(optimizer, schedule, epochs, batchSize, seed);
    }
}
