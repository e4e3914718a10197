package dev.descent.data;

import dev.descent.random.Rng;

/**
 * Seeded, stratified splits of a data set, for data sets without an official split (or to
 * carve a validation part out of a training part).
 */
public final class Splits {
    private Splits() {
    }

    /**
     * Holds out about {@code fraction} of every class.
     *
     * <p>Class {@code c} with {@code count} examples contributes {@code round(fraction·count)}
     * examples to the held-out part, clamped to {@code [1, count − 1]} when {@code count ≥ 2} so
     * that every such class appears on both sides; a class with a single example stays in the
     * training part. Which examples are held out is chosen by an {@link Rng} seeded with
     * {@code seed}, so the same seed gives the same split. Both parts keep the original order
     * of their examples and are named {@code <name>/train} and {@code <name>/held-out}.
     *
     * @param fraction in (0, 1), exclusive
     */
    public static HoldOutSplit holdOut(Dataset dataset, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("hold-out fraction must be in (0, 1), exclusive, got " + fraction);
        }
        Rng rng = new Rng(seed);
        int[][] byClass = indicesByClass(dataset);
        boolean[] heldOut = new boolean[dataset.size()];
        int heldOutCount = 0;
        for (int[] members : byClass) {
            int take = heldOutShare(members.length, fraction);
            rng.shuffle(members);
            for (int i = 0; i < take; i++) {
                heldOut[members[i]] = true;
            }
            heldOutCount += take;
        }
        int[] trainIndices = new int[dataset.size() - heldOutCount];
        int[] heldOutIndices = new int[heldOutCount];
        int t = 0;
        int h = 0;
        for (int i = 0; i < heldOut.length; i++) {
            if (heldOut[i]) {
                heldOutIndices[h++] = i;
            } else {
                trainIndices[t++] = i;
            }
        }
        return new HoldOutSplit(
                dataset.subset(trainIndices).withName(dataset.name() + "/train"),
                dataset.subset(heldOutIndices).withName(dataset.name() + "/held-out"));
    }

    /** How many of a class's {@code count} examples go to the held-out part. */
    static int heldOutShare(int count, double fraction) {
        if (count < 2) {
            return 0;
        }
        long share = Math.round(fraction * count);
        return (int) Math.max(1, Math.min(count - 1, share));
    }

    private static int[][] indicesByClass(Dataset dataset) {
        int[] counts = dataset.classCounts();
        int[][] byClass = new int[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] filled = new int[counts.length];
        for (int i = 0; i < dataset.size(); i++) {
            int c = dataset.label(i);
            byClass[c][filled[c]++] = i;
        }
        return byClass;
    }
}
