package dev.descent.cli;

import dev.descent.data.BuiltInDatasets;
import dev.descent.data.DataException;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetLocator;
import dev.descent.data.HoldOutSplit;
import dev.descent.data.MnistLayout;
import dev.descent.data.Splits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns {@code --dataset} and {@code --data-dir} into train, validation and test splits.
 *
 * <p>IDX data sets (MNIST and Fashion-MNIST) bring their official test set; the validation set
 * is held out of the training set, stratified. The built-in {@code digits} has no official
 * split, so a stratified 20% becomes the test set first.
 */
final class DatasetChooser {
    static final String DEFAULT = "fashion-mnist";
    static final List<String> NAMES = List.of("fashion-mnist", "mnist", "digits");
    private static final double DIGITS_TEST_FRACTION = 0.2;

    private DatasetChooser() {
    }

    /**
     * @param explicitlyChosen whether the user named the data set; if not, a missing
     *     Fashion-MNIST falls back to {@code digits} with a banner on {@code out}
     */
    static DataSplits choose(DatasetLocator locator, String name, Path dataDir, boolean explicitlyChosen,
                             double validationFraction, long seed, PrintWriter out) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("--dataset: unknown data set '" + name + "'; choose one of " + NAMES);
        }
        if (name.equals("digits")) {
            return digits(validationFraction, seed, "built in (UCI optical digits, 8×8)");
        }
        Path directory;
        try {
            directory = locator.locate(name, MnistLayout.FILES, dataDir);
        } catch (DataException notFound) {
            if (explicitlyChosen || dataDir != null) {
                throw notFound;
            }
            out.println("""
                    ┌──────────────────────────────────────────────────────────────────────────┐
                    │ Fashion-MNIST was not found, so this run trains on the built-in 'digits' │
                    │ data set (1 797 handwritten digits, 8×8 pixels) instead. To train on     │
                    │ Fashion-MNIST, either:                                                   │
                    │   sudo apt-get install dataset-fashion-mnist                             │
                    │   ./descent train --data-dir DIR   (DIR holds the four IDX .gz files)    │
                    └──────────────────────────────────────────────────────────────────────────┘""");
            out.println(indent(notFound.getMessage()));
            out.println();
            return digits(validationFraction, seed, "built in (Fashion-MNIST not found)");
        }
        Dataset trainAndValidation = MnistLayout.loadTrain(directory, name);
        Dataset test = MnistLayout.loadTest(directory, name);
        HoldOutSplit split = Splits.holdOut(trainAndValidation, validationFraction, seed);
        return new DataSplits(name, directory.toString(), split.train(), split.heldOut(), test);
    }

    private static DataSplits digits(double validationFraction, long seed, String source) {
        Dataset all = BuiltInDatasets.digits();
        HoldOutSplit testSplit = Splits.holdOut(all, DIGITS_TEST_FRACTION, seed);
        HoldOutSplit validationSplit = Splits.holdOut(testSplit.train(), validationFraction, seed + 1);
        return new DataSplits("digits", source, validationSplit.train(), validationSplit.heldOut(), testSplit.heldOut());
    }

    private static String indent(String message) {
        return "  " + message.replace("\n", "\n  ");
    }
}
