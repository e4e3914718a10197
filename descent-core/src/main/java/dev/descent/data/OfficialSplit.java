package dev.descent.data;

/**
 * The train/test split a data set's authors published with it (as opposed to a split made
 * by {@link Splits}). Results are comparable with others' only on the official test part.
 */
public enum OfficialSplit {
    TRAIN,
    TEST
}
