package dev.descent.schedule;

/**
 * One schedule, then another from a boundary step on; the second sees the steps counted from
 * the boundary.
 *
 * <pre>
 *   α_t = first(t)               for t &lt; b
 *   α_t = second(t − b)          for t ≥ b
 * </pre>
 *
 * Optax's {@code join_schedules([first, second], [b])}; PyTorch's
 * {@code SequentialLR([first, second], milestones = [b])}. Longer sequences nest, each boundary
 * relative to the previous one: {@code join(a, 100, join(b, 900, c))} switches to c at step
 * 1 000. The rate jumps at the boundary unless second(0) = first(b); e.g. linear decay to a
 * floor and then a constant floor is continuous:
 *
 * <pre>{@code
 * LearningRateSchedule schedule = LearningRateSchedule.join(
 *         new LinearDecay(0.1, 0.001, 5_000), 5_000, LearningRateSchedule.constant(0.001));
 * }</pre>
 *
 * Built by {@link LearningRateSchedule#join}.
 *
 * @param first the schedule for steps 0 … b − 1
 * @param boundary b ≥ 0, the first step of {@code second}
 * @param second the schedule from step b on
 */
public record Sequence(LearningRateSchedule first, long boundary, LearningRateSchedule second)
        implements LearningRateSchedule {

    public Sequence {
        ScheduleArguments.requireNonNull("Sequence", "first", first);
        ScheduleArguments.requireAtLeast("Sequence", "boundary", boundary, 0);
        ScheduleArguments.requireNonNull("Sequence", "second", second);
    }

    /** The first part's: a sequence is stated for the rate it starts from. */
    @Override
    public double baseRate() {
        return first.baseRate();
    }

    @Override
    public double valueAt(long step) {
        return step < boundary ? first.valueAt(step) : second.valueAt(step - boundary);
    }

    @Override
    public String toString() {
        return first + " until step " + boundary + ", then " + second;
    }
}
