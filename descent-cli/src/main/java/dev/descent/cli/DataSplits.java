package dev.descent.cli;

import dev.descent.data.Dataset;

/** The three splits a run uses, and where they came from (for the report). */
record DataSplits(String name, String source, Dataset train, Dataset validation, Dataset test) {

    int featureCount() {
        return train.featureCount();
    }

    int classes() {
        return train.classes();
    }
}
