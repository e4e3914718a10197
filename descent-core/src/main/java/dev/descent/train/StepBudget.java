package dev.descent.train;

/** Stops the run after a given number of updates, even in the middle of an epoch. */
public final class StepBudget implements TrainingCallback {
    private final long maxSteps;

    public StepBudget(long maxSteps) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("the step budget must be ≥ 1 update, got " + maxSteps);
        }
        this.maxSteps = maxSteps;
    }

    @Override
    public void onStepEnd(TrainingContext context) {
        if (context.step() >= maxSteps) {
            context.requestStop("step budget: " + maxSteps + " updates done");
        }
    }
}
