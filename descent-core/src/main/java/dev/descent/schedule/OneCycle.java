package dev.descent.schedule;

import java.util.Locale;

/**
 * The one-cycle policy: up from α_max/d to α_max over the first part of training, then down
 * to far below the start, with PyTorch's {@code OneCycleLR} semantics (two phases).
 *
 * <pre>
 *   α_init = α_max / d,   α_min = α_init / d_final,   w = p·T − 1   (the step the peak is reached)
 *   α_t = anneal(α_init, α_max, t / w)                       for t ≤ w
 *   α_t = anneal(α_max, α_min, (t − w) / (T − 1 − w))        for w &lt; t &lt; T − 1
 *   α_t = α_min                                             for t ≥ T − 1
 *   anneal(a, b, x) = b + ½·(a − b)·(1 + cos(π·x))           (COSINE)
 *                   = a + (b − a)·x                          (LINEAR)
 * </pre>
 *
 * References: L. N. Smith, "A disciplined approach to neural network hyper-parameters: Part 1"
 * (2018), arXiv:1803.09820; L. N. Smith, N. Topin, "Super-Convergence" (2017),
 * arXiv:1708.07120. PyTorch: {@code OneCycleLR(max_lr, total_steps, pct_start, anneal_strategy,
 * div_factor, final_div_factor)} with {@code three_phase = False}; its momentum cycling
 * ({@code cycle_momentum}) is not part of a learning-rate schedule. Where PyTorch raises an
 * error after {@code total_steps} updates, this schedule stays at α_min.
 *
 * <pre>{@code OneCycle.of(0.1, 10_000).withWarmupFraction(0.25).withAnnealing(OneCycle.Annealing.LINEAR)}</pre>
 *
 * @param maxRate α_max, the peak rate
 * @param totalSteps T ≥ 2, the length of the cycle in updates
 * @param warmupFraction p in (0, 1) with p·T &gt; 1: the share of the cycle spent rising
 * @param annealing the shape of both phases
 * @param initialDivisor d ≥ 1 (PyTorch {@code div_factor}, default 25)
 * @param finalDivisor d_final ≥ 1 (PyTorch {@code final_div_factor}, default 10⁴)
 */
public record OneCycle(double maxRate, long totalSteps, double warmupFraction, Annealing annealing,
        double initialDivisor, double finalDivisor) implements LearningRateSchedule {

    /** How the rate moves between its end points within a phase. */
    public enum Annealing {
        /** Half a cosine: slow at both ends (PyTorch {@code anneal_strategy='cos'}). */
        COSINE,
        /** A straight line (PyTorch {@code anneal_strategy='linear'}). */
        LINEAR
    }

    public OneCycle {
        ScheduleArguments.requireRate("OneCycle", "maxRate", maxRate);
        ScheduleArguments.requireAtLeast("OneCycle", "totalSteps", totalSteps, 2);
        if (!(warmupFraction > 0 && warmupFraction < 1)) {
            throw ScheduleArguments.invalid("OneCycle", "warmupFraction", warmupFraction, "in (0, 1)");
        }
        if (!(warmupFraction * totalSteps > 1)) {
            throw ScheduleArguments.invalid("OneCycle", "warmupFraction·totalSteps",
                    warmupFraction + "·" + totalSteps + " = " + warmupFraction * totalSteps,
                    "> 1 (the peak step, warmupFraction·totalSteps − 1, must be > 0)");
        }
        ScheduleArguments.requireNonNull("OneCycle", "annealing", annealing);
        requireDivisor("initialDivisor", initialDivisor);
        requireDivisor("finalDivisor", finalDivisor);
    }

    private static void requireDivisor(String field, double value) {
        if (!(value >= 1) || Double.isInfinite(value)) {
            throw ScheduleArguments.invalid("OneCycle", field, value, "a finite number ≥ 1");
        }
    }

    /** PyTorch's {@code pct_start}, {@code div_factor} and {@code final_div_factor} defaults. */
    static final double DEFAULT_WARMUP_FRACTION = 0.3;
    static final double DEFAULT_INITIAL_DIVISOR = 25;
    static final double DEFAULT_FINAL_DIVISOR = 1e4;

    /** PyTorch's defaults: 30 % warm-up, cosine, d = 25, d_final = 10⁴. */
    public static OneCycle of(double maxRate, long totalSteps) {
        return new OneCycle(maxRate, totalSteps, DEFAULT_WARMUP_FRACTION, Annealing.COSINE, DEFAULT_INITIAL_DIVISOR,
                DEFAULT_FINAL_DIVISOR);
    }

    public OneCycle withWarmupFraction(double fraction) {
        return new OneCycle(maxRate, totalSteps, fraction, annealing, initialDivisor, finalDivisor);
    }

    public OneCycle withAnnealing(Annealing shape) {
        return new OneCycle(maxRate, totalSteps, warmupFraction, shape, initialDivisor, finalDivisor);
    }

    /** Start at α_max/{@code initial}, end at α_max/({@code initial}·{@code last}). */
    public OneCycle withDivisors(double initial, double last) {
        return new OneCycle(maxRate, totalSteps, warmupFraction, annealing, initial, last);
    }

    /** α_init = α_max/d, the rate of the first update. */
    public double initialRate() {
        return maxRate / initialDivisor;
    }

    /** α_min = α_init/d_final, the rate of the last update. */
    public double minimumRate() {
        return initialRate() / finalDivisor;
    }

    /** α_max: PyTorch's {@code max_lr} is the rate the optimizer is given. */
    @Override
    public double baseRate() {
        return maxRate;
    }

    @Override
    public double valueAt(long step) {
        double peakStep = warmupFraction * totalSteps - 1; // computed as PyTorch does, so the peak lands alike
        if (step <= peakStep) {
            return anneal(initialRate(), maxRate, step / peakStep);
        }
        long lastStep = totalSteps - 1;
        if (step >= lastStep) {
            return minimumRate();
        }
        return anneal(maxRate, minimumRate(), (step - peakStep) / (lastStep - peakStep));
    }

    private double anneal(double from, double to, double fraction) {
        return switch (annealing) {
            case COSINE -> Interpolation.between(to, from, CosineAnnealing.halfCosine(fraction));
            case LINEAR -> Interpolation.between(from, to, fraction);
        };
    }

    @Override
    public String toString() {
        return "oneCycle(" + initialRate() + " → " + maxRate + " → " + minimumRate() + " over " + totalSteps
                + " steps, " + warmupFraction + " warm-up, " + annealing.name().toLowerCase(Locale.ROOT) + ")";
    }
}
