package dev.descent.solver;

/**
 * Limited-memory BFGS: a quasi-Newton method that applies an approximate inverse Hessian built
 * from the last m steps, in O(m·n) memory and time per iteration.
 *
 * <pre>
 *   direction (two-loop recursion, Alg. 7.4), pairs s_i = x_{i+1} − x_i, y_i = ∇f_{i+1} − ∇f_i,
 *   ρ_i = 1/(y_iᵀs_i), newest first:
 *       q ← ∇f_k
 *       for i = k−1 … k−m:  α_i ← ρ_i·s_iᵀq;  q ← q − α_i·y_i
 *       r ← γ_k·q,   γ_k = s_{k−1}ᵀy_{k−1} / y_{k−1}ᵀy_{k−1}      (H₀ = γ_k·I)
 *       for i = k−m … k−1:  β ← ρ_i·y_iᵀr;  r ← r + s_i·(α_i − β)
 *       d_k = −r
 *   iteration (Alg. 7.5):
 *       t_k from the strong Wolfe search along d_k, first trial 1 (min(1, 1/‖∇f‖) with no pairs)
 *       x_{k+1} = x_k + t_k·d_k
 *       keep (s_k, y_k) if s_kᵀy_k &gt; ε·‖s_k‖·‖y_k‖, dropping the oldest beyond m
 * </pre>
 *
 * The Wolfe curvature condition makes sᵀy &gt; 0, which keeps the approximation positive definite;
 * a pair that fails the (scale-free) test above, e.g. after a step that met only sufficient
 * decrease, is skipped and noted. Should d_k still fail to descend, the memory is cleared and
 * the step taken along −∇f.
 *
 * <p>Reference: J. Nocedal, S. J. Wright, Numerical Optimization, 2nd ed. (2006), §7.2,
 * Algorithms 7.4 and 7.5; D. C. Liu, J. Nocedal, "On the limited memory BFGS method for large
 * scale optimization", Math. Programming 45 (1989).
 *
 * @param history m ≥ 1, the number of (s, y) pairs kept; 3–20 is usual
 * @param lineSearch the strong Wolfe search (c₂ = 0.9 is usual)
 * @param curvatureThreshold ε ≥ 0: pairs with sᵀy ≤ ε·‖s‖·‖y‖ are skipped
 */
public record Lbfgs(int history, StrongWolfe lineSearch, double curvatureThreshold)
        implements Solver<DifferentiableFunction> {

    private static final String OWNER = "Lbfgs";

    public Lbfgs {
        SolverArguments.requireAtLeast(OWNER, "history (m)", history, 1);
        SolverArguments.requireNonNull(OWNER, "lineSearch", lineSearch);
        SolverArguments.requireNonNegative(OWNER, "curvatureThreshold (ε)", curvatureThreshold);
    }

    /** m = 10, {@link StrongWolfe#defaults()}, ε = 10⁻¹⁰. */
    public static Lbfgs defaults() {
        return new Lbfgs(10, StrongWolfe.defaults(), 1e-10);
    }

    public Lbfgs withHistory(int value) {
        return new Lbfgs(value, lineSearch, curvatureThreshold);
    }

    public Lbfgs withLineSearch(StrongWolfe value) {
        return new Lbfgs(history, value, curvatureThreshold);
    }

    public Lbfgs withCurvatureThreshold(double value) {
        return new Lbfgs(history, lineSearch, value);
    }

    @Override
    public SolverResult minimize(DifferentiableFunction function, double[] x0, StoppingCriteria stopping) {
        Run run = new Run("L-BFGS (m = " + history + ")",
                "check the function for overflow, or lower the line search's maxStep", function, stopping);
        Point x = run.start(x0);
        int n = x.dimension();
        Point next = new Point(n);
        double[] direction = new double[n];
        Memory memory = new Memory(history, n);
        SolverResult result = run.checkStart(x);
        while (result == null) {
            memory.direction(x.gradient(), direction);
            if (!(x.slopeAlong(direction) < 0)) {
                memory.clear();
                Vectors.negate(x.gradient(), direction);
                run.note("the quasi-Newton direction did not descend; cleared the memory");
            }
            double firstTrial = memory.isEmpty() ? Math.min(1, 1 / x.gradientNorm()) : 1;
            LineSearchResult step = lineSearch.search(run.function(), x, direction, firstTrial, next);
            if (!step.outcome().moved()) {
                return run.lineSearchStopped(x, step);
            }
            run.noteLineSearch(step);
            if (!memory.add(x, next, curvatureThreshold)) {
                run.note("skipped an update with sᵀy ≤ ε·‖s‖·‖y‖");
            }
            Point previous = x;
            x = next;
            next = previous;
            result = run.completeIteration(x);
        }
        return result;
    }

    /** The m most recent pairs (s, y) in a ring, and the two-loop recursion over them. */
    private static final class Memory {
        private final double[][] s;
        private final double[][] y;
        private final double[] rho;
        private final double[] alpha;
        private double[] sCandidate;
        private double[] yCandidate;
        private int size;
        private int newest = -1;

        Memory(int capacity, int dimension) {
            s = new double[capacity][dimension];
            y = new double[capacity][dimension];
            rho = new double[capacity];
            alpha = new double[capacity];
            sCandidate = new double[dimension];
            yCandidate = new double[dimension];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void clear() {
            size = 0;
            newest = -1;
        }

        /** Stores the pair from {@code from} to {@code to} unless its curvature is too small. */
        boolean add(Point from, Point to, double threshold) {
            for (int i = 0; i < sCandidate.length; i++) {
                sCandidate[i] = to.x()[i] - from.x()[i];
                yCandidate[i] = to.gradient()[i] - from.gradient()[i];
            }
            double sy = Vectors.dot(sCandidate, yCandidate);
            if (!(sy > threshold * Vectors.norm(sCandidate) * Vectors.norm(yCandidate))) {
                return false;
            }
            // The candidate buffers take the slot of the oldest pair, whose arrays become the next candidates.
            int slot = (newest + 1) % s.length;
            double[] sOld = s[slot];
            double[] yOld = y[slot];
            s[slot] = sCandidate;
            y[slot] = yCandidate;
            sCandidate = sOld;
            yCandidate = yOld;
            rho[slot] = 1 / sy;
            newest = slot;
            size = Math.min(size + 1, s.length);
            return true;
        }

        /** {@code out ← −H_k·gradient} by the two-loop recursion; −gradient when empty. */
        void direction(double[] gradient, double[] out) {
            System.arraycopy(gradient, 0, out, 0, gradient.length);
            int capacity = s.length;
            for (int k = 0; k < size; k++) {
                int i = Math.floorMod(newest - k, capacity);
                alpha[i] = rho[i] * Vectors.dot(s[i], out);
                Vectors.addScaled(out, -alpha[i], y[i]);
            }
            if (size > 0) {
                double gamma = 1 / (rho[newest] * Vectors.dot(y[newest], y[newest]));
                for (int j = 0; j < out.length; j++) {
                    out[j] *= gamma;
                }
            }
            for (int k = size - 1; k >= 0; k--) {
                int i = Math.floorMod(newest - k, capacity);
                double beta = rho[i] * Vectors.dot(y[i], out);
                Vectors.addScaled(out, alpha[i] - beta, s[i]);
            }
            for (int j = 0; j < out.length; j++) {
                out[j] = -out[j];
            }
        }
    }
}
