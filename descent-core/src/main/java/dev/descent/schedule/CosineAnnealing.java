package dev.descent.schedule;

/**
 * Cosine annealing from α₀ to a floor over T steps, then constant.
 *
 * <pre>
 *   α_t = α_min + ½·(α₀ − α_min)·(1 + cos(π·t/T))    for t ≤ T
 *   α_t = α_min                                      for t &gt; T
 * </pre>
 *
 * Slow at both ends, fastest in the middle. Reference: I. Loshchilov, F. Hutter, "SGDR:
 * Stochastic Gradient Descent with Warm Restarts", ICLR 2017 (one cycle, no restart; for
 * restarts see {@link CosineAnnealingWarmRestarts}). Optax: {@code cosine_decay_schedule}.
 * PyTorch: {@code CosineAnnealingLR(T_max = T, eta_min = α_min)} for t ≤ T; past T_max PyTorch
 * keeps following the cosine back up, this schedule stays at α_min. With a warm-up:
 * {@code new LinearWarmup(0.01, 1_000, new CosineAnnealing(0.1, 0, 9_000))}.
 *
 * @param initial α₀, the rate of the first update
 * @param floor α_min, in [0, α₀]
 * @param decaySteps T ≥ 1
 */
public record CosineAnnealing(double initial, double floor, long decaySteps) implements LearningRateSchedule {

    public CosineAnnealing {
        ScheduleArguments.requireRate("CosineAnnealing", "initial", initial);
        ScheduleArguments.requireFloor("CosineAnnealing", "floor", floor, initial);
        ScheduleArguments.requireAtLeast("CosineAnnealing", "decaySteps", decaySteps, 1);
    }

    @Override
    public double valueAt(long step) {
        if (step >= decaySteps) {
            return floor;
        }
        return Interpolation.between(floor, initial, halfCosine((double) step / decaySteps));
    }

    /** ½·(1 + cos(π·x)): 1 at x = 0, 0 at x = 1. */
    static double halfCosine(double x) {
        return 0.5 * (1 + Math.cos(Math.PI * x));
    }

    @Override
    public String toString() {
        return "cosine(" + initial + " → " + floor + " over " + decaySteps + " steps)";
    }
}
