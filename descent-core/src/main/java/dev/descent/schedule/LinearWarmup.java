package dev.descent.schedule;

/**
 * A linear warm-up in front of another schedule: the rate rises from a fraction of the
 * schedule's first rate to the full rate over W steps, then the schedule takes over, counting
 * its steps from the end of the warm-up.
 *
 * <pre>
 *   α_t = (f + (1 − f)·t/W)·after(0)    for t &lt; W
 *   α_t = after(t − W)                  for t ≥ W
 * </pre>
 *
 * A warm-up keeps the first updates, taken with badly scaled weights and (for Adam) unsettled
 * moment estimates, from throwing the model far off. Reference: P. Goyal et al., "Accurate,
 * Large Minibatch SGD: Training ImageNet in 1 Hour" (2017), §2.2. PyTorch:
 * {@code SequentialLR([LinearLR(start_factor = f, total_iters = W), after], milestones = [W])}.
 * Warm-up then cosine annealing over 10 000 steps in all:
 *
 * <pre>{@code
 * LearningRateSchedule cosine = new CosineAnnealing(0.1, 0.0, 9_000);
 * LearningRateSchedule schedule = new LinearWarmup(0.01, 1_000, cosine);
 * }</pre>
 *
 * @param startFactor f in [0, 1]: the first update's rate is f·after(0)
 * @param warmupSteps W ≥ 0; 0 is no warm-up
 * @param after the schedule from step W on, which sees step W as its step 0
 */
public record LinearWarmup(double startFactor, long warmupSteps, LearningRateSchedule after)
        implements LearningRateSchedule {

    public LinearWarmup {
        if (!(startFactor >= 0 && startFactor <= 1)) {
            throw ScheduleArguments.invalid("LinearWarmup", "startFactor", startFactor, "in [0, 1]");
        }
        ScheduleArguments.requireAtLeast("LinearWarmup", "warmupSteps", warmupSteps, 0);
        ScheduleArguments.requireNonNull("LinearWarmup", "after", after);
    }

    /** The rate of {@code after}: a warm-up starts below the optimizer's lr on purpose. */
    @Override
    public double baseRate() {
        return after.baseRate();
    }

    @Override
    public double valueAt(long step) {
        if (step >= warmupSteps) {
            return after.valueAt(step - warmupSteps);
        }
        return Interpolation.between(startFactor, 1, (double) step / warmupSteps) * after.valueAt(0);
    }

    @Override
    public String toString() {
        return "warmup(×" + startFactor + " → ×1 over " + warmupSteps + " steps, then " + after + ")";
    }
}
