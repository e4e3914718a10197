package dev.descent.cli;

import dev.descent.data.Dataset;
import dev.descent.model.DataFingerprint;
import dev.descent.model.Preprocessing;

/**
 * The three splits a run uses, where they came from (for the report), how raw inputs become
 * the features (saved with the model) and which files they were read from.
 */
record DataSplits(String name, String source, Dataset train, Dataset validation, Dataset test,
                  Preprocessing preprocessing, DataFingerprint fingerprint) {

    int featureCount() {
        return train.featureCount();
    }

    int classes() {
        return train.classes();
    }
}
