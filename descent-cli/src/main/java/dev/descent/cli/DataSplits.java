package dev.descent.cli;

import dev.descent.data.Examples;
import dev.descent.model.DataFingerprint;
import dev.descent.model.Preprocessing;
import java.util.List;

/**
 * The three splits a run uses (class labels or regression targets), where they came from (for
 * the report), how raw inputs become the features (saved with the model), which files they were
 * read from and what the model's outputs are called.
 *
 * @param outputNames the class names (the indices as text when unnamed), or the target names
 */
record DataSplits(String name, String source, Examples train, Examples validation, Examples test,
                  Preprocessing preprocessing, DataFingerprint fingerprint, List<String> outputNames) {

    int featureCount() {
        return train.featureCount();
    }

    /** The model's output width: classes, or regression targets. */
    int outputs() {
        return outputNames.size();
    }
}
