package dev.descent.solver;

import java.util.List;

/** Every solver configuration the convergence tests run, by name. */
final class TestSolvers {

    private TestSolvers() {}

    /** A solver under a short name for test output and tables. */
    record Named(String name, Solver<? super TwiceDifferentiableFunction> solver) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String GD_FIXED = "GD, α = 1/L";
    static final String GD_ARMIJO = "GD, Armijo";
    static final String GD_EXACT = "GD, exact step";
    static final String NESTEROV_FIXED = "Nesterov, 1/L";
    static final String NESTEROV_BACKTRACKING = "Nesterov, backtracking";
    static final String CG_PR = "CG, PR+";
    static final String CG_FR = "CG, FR";
    static final String LBFGS = "L-BFGS, m = 10";
    static final String NEWTON = "Newton";

    /** The solvers that need only gradients and no constant: they run on anything. */
    static List<Named> general() {
        return List.of(
                new Named(GD_ARMIJO, GradientDescent.withArmijo()),
                new Named(NESTEROV_BACKTRACKING, NesterovAcceleratedGradient.withBacktracking(1)),
                new Named(CG_PR, NonlinearConjugateGradient.polakRibierePlus()),
                new Named(CG_FR, NonlinearConjugateGradient.fletcherReeves()),
                new Named(LBFGS, Lbfgs.defaults()),
                new Named(NEWTON, NewtonMethod.defaults()));
    }

    /** All solvers for a function whose gradient is L-Lipschitz (fixed steps 1/L are safe). */
    static List<Named> withLipschitz(double lipschitz) {
        return concat(List.of(
                new Named(GD_FIXED, GradientDescent.withFixedStep(1 / lipschitz)),
                new Named(NESTEROV_FIXED, NesterovAcceleratedGradient.withFixedStep(lipschitz))), general());
    }

    /** All solvers, the exact line search included, for a quadratic whose largest eigenvalue is L. */
    static List<Named> forQuadratic(double lipschitz) {
        return concat(List.of(new Named(GD_EXACT, GradientDescent.withExactStep())), withLipschitz(lipschitz));
    }

    private static List<Named> concat(List<Named> first, List<Named> second) {
        java.util.ArrayList<Named> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
