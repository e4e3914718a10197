package dev.descent.schedule;

import java.util.function.DoubleFunction;

/**
 * A schedule without a rate of its own: how the learning rate moves, relative to a base rate
 * that the optimizer supplies when it is built (its {@code lr}, and each parameter group's own
 * {@code lr}). This is how PyTorch's schedulers work, {@code StepLR(optimizer, step_size=30)}
 * scales the rate the optimizer was given, and it states the rate once:
 *
 * <pre>{@code
 * Optimizer adam = new Adam().withLr(0.5).builder()
 *         .schedule(Schedules.cosineAnnealingLR(10_000))   // 0.5 down to 0 over 10 000 updates
 *         .build(model.namedParameters());
 * }</pre>
 *
 * Made by {@link Schedules}; {@link #of} anchors a shape at a rate. A final class rather than a
 * functional interface, so that a lambda given to the optimizer builder ({@code schedule(t -> …)})
 * is always a {@link LearningRateSchedule}; for a factor of the step use
 * {@link Schedules#lambdaLR}.
 */
public final class ScheduleShape {

    private final String description;
    private final DoubleFunction<LearningRateSchedule> atBaseRate;

    ScheduleShape(String description, DoubleFunction<LearningRateSchedule> atBaseRate) {
        this.description = description;
        this.atBaseRate = atBaseRate;
    }

    /**
     * The schedule of this shape for a base rate: starting from it, or for a one-cycle shape
     * peaking at it ({@code of(lr).baseRate() == lr}).
     *
     * @throws IllegalArgumentException if the rate does not suit the shape (a cosine whose
     *     {@code etaMin} is above it), naming the shape and the rate
     */
    public LearningRateSchedule of(double baseRate) {
        ScheduleArguments.requireRate(description, "the base rate (lr)", baseRate);
        try {
            return atBaseRate.apply(baseRate);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(description + " at lr " + baseRate + ": " + e.getMessage(), e);
        }
    }

    /**
     * This shape over epochs of {@code stepsPerEpoch} updates: what PyTorch gives when
     * {@code scheduler.step()} is called once per epoch. Its step arguments then count epochs.
     *
     * @see EpochSchedule
     */
    public ScheduleShape perEpoch(long stepsPerEpoch) {
        ScheduleArguments.requireAtLeast(description, "stepsPerEpoch", stepsPerEpoch, 1);
        return new ScheduleShape(description + " per epoch of " + stepsPerEpoch + " steps",
                baseRate -> EpochSchedule.toSteps(atBaseRate.apply(baseRate), stepsPerEpoch));
    }

    /** The factory call that made this shape, with PyTorch's argument names. */
    @Override
    public String toString() {
        return description;
    }
}
