package dev.descent.train;

import java.time.Duration;

/** Stops the run once a wall-clock budget is spent (checked after every step). */
public final class TimeLimit implements TrainingCallback {
    private final Duration limit;
    private long deadline = Long.MIN_VALUE;

    public TimeLimit(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("time limit must be positive, got " + limit);
        }
        this.limit = limit;
    }

    @Override
    public void onStepEnd(TrainingContext context) {
        long now = System.nanoTime();
        if (deadline == Long.MIN_VALUE) {
            deadline = now + limit.toNanos();
        } else if (now - deadline >= 0) {
            context.requestStop("time limit: " + limit.toString().substring(2).toLowerCase() + " used up at step "
                    + context.step());
        }
    }
}
