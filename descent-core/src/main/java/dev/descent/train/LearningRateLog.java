package dev.descent.train;

import java.util.Arrays;

/** Records the learning rate of every update, for plots and reports. */
public final class LearningRateLog implements TrainingCallback {
    private long[] steps = new long[1024];
    private double[] rates = new double[1024];
    private int size;

    @Override
    public void onStepEnd(TrainingContext context) {
        if (size == steps.length) {
            steps = Arrays.copyOf(steps, size * 2);
            rates = Arrays.copyOf(rates, size * 2);
        }
        steps[size] = context.step();
        rates[size] = context.optimizer().learningRate();
        size++;
    }

    /** The update counts at which rates were recorded (after each update: the next update's rate). */
    public long[] steps() {
        return Arrays.copyOf(steps, size);
    }

    public double[] rates() {
        return Arrays.copyOf(rates, size);
    }
}
