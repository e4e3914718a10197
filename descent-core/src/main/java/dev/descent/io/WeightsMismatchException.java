package dev.descent.io;

import java.util.List;

/**
 * Weights do not fit a model: parameter names the weights lack, names the model lacks, or
 * shapes that differ. Every problem is listed at once, as in PyTorch's strict
 * {@code load_state_dict}, and no parameter has been changed.
 */
public class WeightsMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> missing;
    private final List<String> unexpected;
    private final List<String> mismatchedShapes;

    WeightsMismatchException(String message, List<String> missing, List<String> unexpected,
            List<String> mismatchedShapes) {
        super(message);
        this.missing = List.copyOf(missing);
        this.unexpected = List.copyOf(unexpected);
        this.mismatchedShapes = List.copyOf(mismatchedShapes);
    }

    /** Parameters of the model that the weights do not hold, in the model's order. */
    public List<String> missing() {
        return missing;
    }

    /** Weights that name no parameter of the model, in the weights' order. */
    public List<String> unexpected() {
        return unexpected;
    }

    /** Parameters present on both sides with different shapes, in the model's order. */
    public List<String> mismatchedShapes() {
        return mismatchedShapes;
    }
}
