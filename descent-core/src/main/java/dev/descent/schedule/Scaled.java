package dev.descent.schedule;

/**
 * A schedule multiplied by a constant factor:
 *
 * <pre>
 *   α_t = c·schedule(t)
 * </pre>
 *
 * For parameter groups that learn at a fixed fraction of the base rate under the same
 * schedule (e.g. a pretrained backbone at c = 0.1 of the head's rate, or c = 0 to freeze it):
 * the group's rate follows the shared schedule's shape. In PyTorch a group gets its own
 * {@code lr} and the scheduler applies its formula to each group's initial rate; for a schedule
 * proportional to α₀ that is exactly this scaling, but where PyTorch has one absolute floor for
 * all groups ({@code eta_min}, {@code min_lr}) this scales the floor too. Built by
 * {@link LearningRateSchedule#scaledBy}.
 *
 * @param schedule the base schedule
 * @param factor c, a finite number ≥ 0
 */
public record Scaled(LearningRateSchedule schedule, double factor) implements LearningRateSchedule {

    public Scaled {
        ScheduleArguments.requireNonNull("Scaled", "schedule", schedule);
        ScheduleArguments.requireNonNegative("Scaled", "factor", factor);
    }

    /** c times the schedule's. */
    @Override
    public double baseRate() {
        return factor * schedule.baseRate();
    }

    @Override
    public double valueAt(long step) {
        return factor * schedule.valueAt(step);
    }

    @Override
    public String toString() {
        return factor + " × " + schedule;
    }
}
