package dev.descent.data;

/** A data set cut in two by {@link Splits#holdOut}: the part to train on and the part held out. */
public record HoldOutSplit(Dataset train, Dataset heldOut) {
}
