package dev.descent.data;

import dev.descent.random.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * k-fold cross-validation: the data set is cut into {@code k} disjoint folds; each fold in turn
 * is the validation part and the other {@code k − 1} are trained on, so every example is
 * validated on exactly once.
 */
public final class KFold {
    private KFold() {
    }

    /**
     * {@code k} folds, stratified by class, as scikit-learn's {@code StratifiedKFold} with
     * shuffling.
     *
     * <p>Each class's examples are shuffled by an {@link Rng} seeded with {@code seed}, then
     * dealt to the folds in turn like cards, each class continuing where the previous one
     * stopped. So every fold gets {@code ⌊count/k⌋} or {@code ⌈count/k⌉} examples of a class of
     * {@code count} — the class's proportion to within one example — and the fold sizes differ
     * by at most one. The same seed gives the same folds.
     *
     * @param k at least 2, at most the number of examples, and at most the size of the smallest
     *          class that has examples, so that every class appears in every validation fold
     * @return the folds, fold {@code i} at index {@code i}
     */
    public static List<Fold> stratified(Dataset dataset, int k, long seed) {
        requireFoldCount(dataset, k);
        int[][] byClass = Splits.indicesByClass(dataset);
        int[] foldOf = new int[dataset.size()];
        Rng rng = new Rng(seed);
        int next = 0;
        for (int[] members : byClass) {
            rng.shuffle(members);
            for (int member : members) {
                foldOf[member] = next;
                next = (next + 1) % k;
            }
        }
        int[] validationSizes = new int[k];
        for (int fold : foldOf) {
            validationSizes[fold]++;
        }
        List<Fold> folds = new ArrayList<>(k);
        for (int fold = 0; fold < k; fold++) {
            int[] validation = new int[validationSizes[fold]];
            int[] train = new int[dataset.size() - validationSizes[fold]];
            int v = 0;
            int t = 0;
            for (int i = 0; i < foldOf.length; i++) {
                if (foldOf[i] == fold) {
                    validation[v++] = i;
                } else {
                    train[t++] = i;
                }
            }
            folds.add(new Fold(dataset, fold, k, train, validation));
        }
        return List.copyOf(folds);
    }

    private static void requireFoldCount(Dataset dataset, int k) {
        String what = "stratified k-fold of dataset '" + dataset.name() + "': k";
        if (k < 2) {
            throw new IllegalArgumentException(what + " must be at least 2 (one fold to train on, one to validate),"
                    + " got " + k);
        }
        if (k > dataset.size()) {
            throw new IllegalArgumentException(what + " must be at most the number of examples, "
                    + dataset.size() + ", so that no validation fold is empty, got " + k);
        }
        int[] counts = dataset.classCounts();
        int smallest = -1;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0 && (smallest < 0 || counts[c] < counts[smallest])) {
                smallest = c;
            }
        }
        if (k > counts[smallest]) {
            throw new IllegalArgumentException(what + " must be at most the size of the smallest class, "
                    + counts[smallest] + " (class '" + dataset.className(smallest) + "'), so that every class"
                    + " appears in every validation fold, got " + k);
        }
    }
}
