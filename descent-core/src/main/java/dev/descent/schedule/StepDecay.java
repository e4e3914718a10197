package dev.descent.schedule;

/**
 * Step decay: the rate is multiplied by a factor every {@code stepSize} steps.
 *
 * <pre>
 *   α_t = α₀·r^⌊t / t_u⌋
 * </pre>
 *
 * PyTorch: {@code StepLR(step_size = t_u, gamma = r)}, stepped once per update (or per epoch,
 * see {@link EpochSchedule}). For drops at irregular steps see {@link MultiStepDecay}.
 *
 * @param initial α₀, the rate of the first update
 * @param factor r in (0, 1]
 * @param stepSize t_u ≥ 1, the steps between drops
 */
public record StepDecay(double initial, double factor, long stepSize) implements LearningRateSchedule {

    public StepDecay {
        ScheduleArguments.requireRate("StepDecay", "initial", initial);
        ScheduleArguments.requireDecayFactor("StepDecay", "factor", factor);
        ScheduleArguments.requireAtLeast("StepDecay", "stepSize", stepSize, 1);
    }

    @Override
    public double valueAt(long step) {
        return initial * Math.pow(factor, (double) (step / stepSize));
    }

    @Override
    public String toString() {
        return "step(" + initial + " × " + factor + " every " + stepSize + " steps)";
    }
}
