package dev.descent.train;

/**
 * What one training epoch measured: the mean training loss over its steps, the validation
 * loss and accuracy after it (null when there is no validation set), its training throughput (samples per second, evaluation
 * excluded) and its wall time.
 */
public record EpochReport(int epoch, long step, double learningRate, double trainLoss,
                          Evaluation validation, double samplesPerSecond, double seconds) {

    /** The generalisation gap: validation loss minus training loss (NaN without validation). */
    public double gap() {
        return validation == null ? Double.NaN : validation.loss() - trainLoss;
    }
}
