package dev.descent.schedule;

/**
 * Cosine annealing with warm restarts (SGDR): a cosine from α₀ down towards α_min, restarted
 * at α₀ after each period, each period T_mult times as long as the one before.
 *
 * <pre>
 *   α_t = α_min + ½·(α₀ − α_min)·(1 + cos(π·T_cur/T_i))
 *   T_i = T_0·T_mult^i for cycle i = 0, 1, …;  T_cur = t − (T_0 + … + T_(i−1)), in [0, T_i)
 * </pre>
 *
 * A cycle ends one step short of α_min and the next starts at α₀. Reference: I. Loshchilov,
 * F. Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", ICLR 2017. PyTorch:
 * {@code CosineAnnealingWarmRestarts(T_0, T_mult, eta_min)} stepped once per update.
 *
 * @param initial α₀, the rate at the start of every cycle
 * @param floor α_min, in [0, α₀]
 * @param firstPeriod T_0 ≥ 1, the length of the first cycle in steps
 * @param periodMultiplier T_mult ≥ 1; 1 keeps every cycle T_0 long
 */
public record CosineAnnealingWarmRestarts(double initial, double floor, long firstPeriod, int periodMultiplier)
        implements LearningRateSchedule {

    public CosineAnnealingWarmRestarts {
        ScheduleArguments.requireRate("CosineAnnealingWarmRestarts", "initial", initial);
        ScheduleArguments.requireFloor("CosineAnnealingWarmRestarts", "floor", floor, initial);
        ScheduleArguments.requireAtLeast("CosineAnnealingWarmRestarts", "firstPeriod", firstPeriod, 1);
        ScheduleArguments.requireAtLeast("CosineAnnealingWarmRestarts", "periodMultiplier", periodMultiplier, 1);
    }

    @Override
    public double valueAt(long step) {
        long cycleStart = 0;
        long period = firstPeriod;
        if (periodMultiplier == 1) {
            cycleStart = step - step % period;
        } else {
            while (step - cycleStart >= period) { // at most 63 rounds: periods at least double
                cycleStart += period;
                period = period > Long.MAX_VALUE / periodMultiplier ? Long.MAX_VALUE : period * periodMultiplier;
            }
        }
        return Interpolation.between(floor, initial, CosineAnnealing.halfCosine((double) (step - cycleStart) / period));
    }

    @Override
    public String toString() {
        return "cosineWarmRestarts(" + initial + " → " + floor + ", periods " + firstPeriod
                + (periodMultiplier == 1 ? "" : " × " + periodMultiplier + "^i") + ")";
    }
}
