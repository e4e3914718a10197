package dev.descent.experiment;

import dev.descent.autodiff.Variable;
import dev.descent.optim.Momentum;
import dev.descent.optim.Optimizer;
import dev.descent.optim.OptimizerConfig;
import dev.descent.optim.Sgd;
import dev.descent.plot.ContourPlot;
import dev.descent.plot.LinePlot;
import dev.descent.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * {@code momentum}: the heavy-ball update v ← λv − αg, w ← w + v (Descent's {@link Momentum},
 * the lectures' form) against plain gradient steps, run by the library's optimizers on
 * hand-computed gradients.
 *
 * <p>Part 1, aligned gradients: with the same gradient g at every step, v converges to
 * −αg/(1 − λ), so the step grows to 1/(1 − λ) times the plain step (10× at λ = 0.9).
 * Part 2, the ill-conditioned quadratic f(x, y) = ½(μx² + Ly²) with κ = L/μ = 25: plain steps
 * with the best fixed rate 2/(L + μ) contract the error by (κ − 1)/(κ + 1) per step and
 * zig-zag across the valley while they crawl along it; heavy ball with Polyak's
 * α = 4/(√L + √μ)² and λ = ((√κ − 1)/(√κ + 1))² contracts it by √λ = (√κ − 1)/(√κ + 1): about
 * √κ instead of κ steps per e-fold. It swings across the valley even more widely (its larger
 * step), but its velocity builds up along the shallow axis, where the gradients agree. The gradient, drawn as arrows at the plain iterates, is orthogonal to the
 * level curves (equal axis scales make that visible).
 *
 * <p>Supported when every measured amplification is within 1 % of 1/(1 − λ) and momentum
 * reaches f ≤ 10⁻⁸·f(w₀) in at most a third of the plain steps' iterations.
 */
public final class MomentumExperiment implements Experiment {
    static final double MU = 1;
    static final double L = 25;
    private static final double[] LAMBDAS = {0, 0.5, 0.8, 0.9, 0.95, 0.99};
    private static final double[] START = {-9, 2.5};
    private static final double TOLERANCE = 1e-8;

    @Override
    public String name() {
        return "momentum";
    }

    @Override
    public String claim() {
        return "Momentum lengthens steps along aligned gradients by 1/(1 − λ); in an ill-conditioned valley that"
                + " carries it down the shallow direction, in about √κ instead of κ steps per e-fold.";
    }

    @Override
    public String source() {
        return "The lectures' heavy-ball method (Polyak 1964): with aligned gradients the step grows to"
                + " α/(1 − λ); on a quadratic with condition number κ, the optimal λ = ((√κ − 1)/(√κ + 1))²"
                + " gives a contraction (√κ − 1)/(√κ + 1) per step instead of (κ − 1)/(κ + 1).";
    }

    /**
     * Supported when the worst relative error of the amplification is at most 1 % and momentum
     * needs at most a third of the plain steps' iterations.
     */
    static Verdict judge(double worstAmplificationError, long heavyIterations, long plainIterations) {
        return Verdict.of(worstAmplificationError <= 0.01 && heavyIterations * 3 <= plainIterations);
    }

    @Override
    public Results run(ExperimentContext context) {
        Results results = new Results(this)
                .setting("update", "heavy ball v ← λv − αg, w ← w + v (dev.descent.optim.Momentum) vs plain w ← w − αg"
                        + " (Sgd); exact gradients")
                .setting("aligned gradients", "g = (1, 0) at every step, α = 0.01, λ in " + Arrays.toString(LAMBDAS)
                        + ", 3 000 steps")
                .setting("quadratic", "f(x, y) = ½(" + Numbers.compact(MU) + "·x² + " + Numbers.compact(L) + "·y²),"
                        + " κ = " + Numbers.compact(L / MU) + ", start " + Arrays.toString(START));

        // Part 1: amplification on aligned gradients.
        double[] expected = new double[LAMBDAS.length];
        double[] measured = new double[LAMBDAS.length];
        double worst = 0;
        for (int k = 0; k < LAMBDAS.length; k++) {
            double alpha = 0.01;
            Variable w = Variable.parameter(Tensor.zeros(2));
            Optimizer optimizer = momentumOrPlain(alpha, LAMBDAS[k]).build(Map.of("w", w));
            double previous = 0;
            double step = 0;
            for (int t = 0; t < 3000; t++) {
                setGradient(w, 1, 0);
                optimizer.step();
                double now = w.value().data()[0];
                step = Math.abs(now - previous);
                previous = now;
            }
            expected[k] = 1 / (1 - LAMBDAS[k]);
            measured[k] = step / alpha;
            worst = Math.max(worst, Math.abs(measured[k] / expected[k] - 1));
            results.finding(String.format(Locale.ROOT, "step amplification at λ = %s (1/(1 − λ) = %s)",
                    Numbers.compact(LAMBDAS[k]), Numbers.compact(expected[k])), measured[k], "× plain step");
        }
        results.series(SeriesCsv.write(context.directory(), "momentum-amplification",
                new String[] {"lambda", "expected_1_over_1_minus_lambda", "measured_step_over_plain_step"},
                LAMBDAS, expected, measured));
        results.plots(LinePlot.titled("Aligned gradients: momentum multiplies the step by 1/(1 − λ)")
                .xAxis("1/(1 − λ)").yAxis("steady step / plain step αg")
                .logX().logY()
                .reference("1/(1 − λ) (theory)", expected, expected)
                .points("measured after 3 000 steps", expected, measured)
                .save(context.directory(), "momentum-amplification"));

        // Part 2: the quadratic.
        double kappa = L / MU;
        double plainRate = 2 / (L + MU);
        double root = Math.sqrt(kappa);
        double polyakLambda = Math.pow((root - 1) / (root + 1), 2);
        double polyakRate = 4 / Math.pow(Math.sqrt(L) + Math.sqrt(MU), 2);
        int steps = 400;
        Path plain = descend(new Sgd(plainRate), steps);
        Path heavy = descend(new Momentum(polyakRate, polyakLambda), steps);
        int plainIterations = plain.firstBelow(TOLERANCE * plain.value[0]);
        int heavyIterations = heavy.firstBelow(TOLERANCE * heavy.value[0]);
        double plainContraction = plain.contraction(plainIterations);
        double heavyContraction = heavy.contraction(heavyIterations);
        results.finding("plain steps: iterations to f ≤ 1e-8·f(w₀), α = 2/(L + μ)", plainIterations, "")
                .finding("momentum: iterations to f ≤ 1e-8·f(w₀), Polyak's α and λ = "
                        + Numbers.compact(polyakLambda), heavyIterations, "")
                .finding("plain steps: error contraction per step (measured)", plainContraction, "")
                .finding("plain steps: (κ − 1)/(κ + 1) (theory)", (kappa - 1) / (kappa + 1), "")
                .finding("momentum: error contraction per step (measured)", heavyContraction, "")
                .finding("momentum: (√κ − 1)/(√κ + 1) (theory)", (root - 1) / (root + 1), "");
        double[] iteration = new double[steps + 1];
        for (int t = 0; t <= steps; t++) {
            iteration[t] = t;
        }
        results.series(SeriesCsv.write(context.directory(), "momentum-quadratic",
                new String[] {"iteration", "plain_x", "plain_y", "plain_f", "momentum_x", "momentum_y", "momentum_f"},
                iteration, plain.x, plain.y, plain.value, heavy.x, heavy.y, heavy.value));
        int shown = Math.min(plainIterations, 25); // by then momentum has arrived and plain steps are still on the way
        results.plots(LinePlot.titled("Ill-conditioned quadratic (κ = " + Numbers.compact(kappa) + "): f − f* per iteration")
                .xAxis("iteration").yAxis("f(w) − f* (log scale)")
                .logY()
                .line("plain steps, α = 2/(L + μ)", head(iteration, plainIterations + 1), floor(head(plain.value, plainIterations + 1)))
                .line("momentum, λ = " + Numbers.compact(polyakLambda), head(iteration, heavyIterations + 1),
                        floor(head(heavy.value, heavyIterations + 1)))
                .save(context.directory(), "momentum-convergence"));
        results.plots(contours(plain, heavy, shown, polyakLambda).save(context.directory(), "momentum-trajectories"));

        boolean supported = judge(worst, heavyIterations, plainIterations) == Verdict.SUPPORTED;
        results.rule("Deterministic (no noise to weigh): supported when every measured amplification is within"
                + " 1 % of 1/(1 − λ) and momentum reaches f ≤ 10⁻⁸·f(w₀) in at most a third of the plain"
                + " steps' iterations; not supported otherwise.");
        results.verdict(supported, String.format(Locale.ROOT,
                "Aligned gradients: the steady step is 1/(1 − λ) times the plain one within %.2g %% for every λ up"
                        + " to 0.99. On the quadratic with κ = %s, plain steps need %d iterations to reach 1e-8 of"
                        + " the starting value and momentum %d (%.1f× fewer; √κ = %s); the measured contractions,"
                        + " %.3f and %.3f per step, match the theory's %.3f and %.3f.",
                100 * worst, Numbers.compact(kappa), plainIterations, heavyIterations,
                (double) plainIterations / heavyIterations, Numbers.compact(root), plainContraction, heavyContraction,
                (kappa - 1) / (kappa + 1), (root - 1) / (root + 1)));
        return results;
    }

    private static OptimizerConfig momentumOrPlain(double alpha, double lambda) {
        return lambda == 0 ? new Sgd(alpha) : new Momentum(alpha, lambda);
    }

    private static void setGradient(Variable w, double gx, double gy) {
        w.zeroGrad();
        float[] g = w.gradForAccumulation().data();
        g[0] = (float) gx;
        g[1] = (float) gy;
    }

    private static double f(double x, double y) {
        return 0.5 * (MU * x * x + L * y * y);
    }

    private static Path descend(OptimizerConfig config, int steps) {
        Variable w = Variable.parameter(Tensor.wrap(new float[] {(float) START[0], (float) START[1]}, 2));
        Optimizer optimizer = config.build(Map.of("w", w));
        Path path = new Path(steps + 1);
        float[] p = w.value().data();
        path.add(0, p[0], p[1]);
        for (int t = 1; t <= steps; t++) {
            setGradient(w, MU * p[0], L * p[1]);
            optimizer.step();
            path.add(t, p[0], p[1]);
        }
        return path;
    }

    private static ContourPlot contours(Path plain, Path heavy, int shown, double lambda) {
        int nx = 160; // even counts: the minimum (0 at the origin) is not a grid point, for log levels
        int ny = 100;
        double[] gx = new double[nx];
        double[] gy = new double[ny];
        double[][] z = new double[ny][nx];
        for (int i = 0; i < nx; i++) {
            gx[i] = -10 + 20.0 * i / (nx - 1);
        }
        for (int j = 0; j < ny; j++) {
            gy[j] = -5 + 10.0 * j / (ny - 1);
            for (int i = 0; i < nx; i++) {
                z[j][i] = f(gx[i], gy[j]);
            }
        }
        // −∇f at the first plain iterates, scaled to a fixed length: the direction is the point.
        int arrows = Math.min(8, shown);
        double[] ax = new double[arrows];
        double[] ay = new double[arrows];
        double[] dx = new double[arrows];
        double[] dy = new double[arrows];
        for (int k = 0; k < arrows; k++) {
            ax[k] = plain.x[k];
            ay[k] = plain.y[k];
            double gxk = -MU * ax[k];
            double gyk = -L * ay[k];
            double norm = Math.hypot(gxk, gyk);
            dx[k] = 1.2 * gxk / norm;
            dy[k] = 1.2 * gyk / norm;
        }
        return ContourPlot.titled("Ill-conditioned valley (κ = " + Numbers.compact(L / MU) + "): the first " + shown
                        + " iterations")
                .xAxis("x (weight 1)").yAxis("y (weight 2)")
                .grid(gx, gy, z)
                .levels(12).logLevels()
                .equalAspect()
                .path("plain steps, α = 2/(L + μ)", head(plain.x, shown + 1), head(plain.y, shown + 1))
                .path("momentum, λ = " + Numbers.compact(lambda), head(heavy.x, shown + 1), head(heavy.y, shown + 1))
                .arrows("−∇f (direction), orthogonal to the level curves", ax, ay, dx, dy);
    }

    private static double[] head(double[] values, int count) {
        return Arrays.copyOf(values, Math.min(count, values.length));
    }

    private static double[] floor(double[] values) {
        double[] c = values.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.max(c[i], 1e-30);
        }
        return c;
    }

    /** Iterates and values of f along a run. */
    private static final class Path {
        final double[] x;
        final double[] y;
        final double[] value;

        Path(int length) {
            x = new double[length];
            y = new double[length];
            value = new double[length];
        }

        void add(int t, double xt, double yt) {
            x[t] = xt;
            y[t] = yt;
            value[t] = f(xt, yt);
        }

        int firstBelow(double threshold) {
            for (int t = 0; t < value.length; t++) {
                if (value[t] <= threshold) {
                    return t;
                }
            }
            return value.length - 1;
        }

        /** Per-step contraction of ‖w‖ (f* = 0 at the origin) over the last half of the first {@code t} steps. */
        double contraction(int t) {
            int from = t / 2;
            double start = Math.hypot(x[from], y[from]);
            double end = Math.hypot(x[t], y[t]);
            return Math.pow(end / start, 1.0 / (t - from));
        }
    }
}
