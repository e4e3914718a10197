package dev.descent.train;

/**
 * The loss became NaN or infinite: training stops instead of producing garbage weights.
 * The message names the epoch and step and what to try.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
