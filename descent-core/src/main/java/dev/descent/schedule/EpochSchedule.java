package dev.descent.schedule;

/**
 * A schedule written over epochs, evaluated at the epoch a step falls in: the one clock stays
 * the update count, and a per-epoch schedule is converted to it once, here.
 *
 * <pre>
 *   α_t = perEpoch(⌊t / S⌋),   S = updates per epoch
 * </pre>
 *
 * This is what PyTorch does when {@code scheduler.step()} is called once after each epoch:
 * every update of epoch e (0-based) uses the scheduler's value at e. Any schedule can be used
 * per epoch; its step arguments then count epochs, e.g. ÷10 at epochs 30 and 60 with 390
 * updates per epoch:
 *
 * <pre>{@code
 * LearningRateSchedule schedule = EpochSchedule.toSteps(MultiStepDecay.of(0.1, 0.1, 30, 60), 390);
 * }</pre>
 *
 * S counts optimizer updates, not mini-batches: a data loader that keeps the last partial
 * batch gives ⌈n / batch⌉ updates per epoch, one that drops it ⌊n / batch⌋, and with gradient
 * accumulation over k batches there are 1/k as many. Built by {@link #toSteps}.
 *
 * @param perEpoch the schedule over epoch numbers (0 = the first epoch)
 * @param stepsPerEpoch S ≥ 1, the optimizer updates in one epoch
 */
public record EpochSchedule(LearningRateSchedule perEpoch, long stepsPerEpoch) implements LearningRateSchedule {

    public EpochSchedule {
        ScheduleArguments.requireNonNull("EpochSchedule", "perEpoch", perEpoch);
        ScheduleArguments.requireAtLeast("EpochSchedule", "stepsPerEpoch", stepsPerEpoch, 1);
    }

    /** {@code schedule} read at epoch ⌊step / stepsPerEpoch⌋. */
    public static EpochSchedule toSteps(LearningRateSchedule schedule, long stepsPerEpoch) {
        return new EpochSchedule(schedule, stepsPerEpoch);
    }

    /** The per-epoch schedule's. */
    @Override
    public double baseRate() {
        return perEpoch.baseRate();
    }

    @Override
    public double valueAt(long step) {
        return perEpoch.valueAt(step / stepsPerEpoch);
    }

    @Override
    public String toString() {
        return perEpoch + " per epoch of " + stepsPerEpoch + " steps";
    }
}
