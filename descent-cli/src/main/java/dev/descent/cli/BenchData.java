package dev.descent.cli;

import dev.descent.data.DataException;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetLocator;
import dev.descent.data.MnistLayout;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.nio.file.Path;

/**
 * The data of the {@code bench} commands: a Fashion-MNIST split, or random data of the same
 * shape when Fashion-MNIST is not found (the speed does not depend on the values), with a
 * description of which one it is for the report.
 */
final class BenchData {
    static final int FEATURES = 784;
    static final int CLASSES = 10;
    static final int TRAIN_EXAMPLES = 60_000;
    static final int TEST_EXAMPLES = 10_000;

    /** The data and where it came from, e.g. {@code fashion-mnist train set (/usr/share/datasets/fashion-mnist)}. */
    record Source(Dataset data, String description) {
    }

    private BenchData() {
    }

    /** The training set; random data of its shape when absent, unless {@code dataDir} names a directory. */
    static Source train(DatasetLocator locator, Path dataDir, long seed) {
        return load(locator, dataDir, seed, true);
    }

    /** The test set; random data of its shape when absent, unless {@code dataDir} names a directory. */
    static Source test(DatasetLocator locator, Path dataDir, long seed) {
        return load(locator, dataDir, seed, false);
    }

    private static Source load(DatasetLocator locator, Path dataDir, long seed, boolean train) {
        try {
            Path directory = locator.locate("fashion-mnist", MnistLayout.FILES, dataDir);
            Dataset data = train ? MnistLayout.loadTrain(directory, "fashion-mnist")
                    : MnistLayout.loadTest(directory, "fashion-mnist");
            return new Source(data, "fashion-mnist " + (train ? "train" : "test") + " set (" + directory + ")");
        } catch (DataException absent) {
            if (dataDir != null) {
                throw absent;
            }
            return new Source(random(seed, train ? TRAIN_EXAMPLES : TEST_EXAMPLES),
                    train ? "random data of Fashion-MNIST's shape (Fashion-MNIST not found)"
                            : "random data of Fashion-MNIST's test-set shape (Fashion-MNIST not found)");
        }
    }

    /** {@code examples} rows of 784 uniform [0, 1) pixels with uniform labels 0–9. */
    static Dataset random(long seed, int examples) {
        Rng rng = new Rng(seed ^ 0x5DEECE66DL);
        float[] pixels = new float[examples * FEATURES];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rng.nextFloat();
        }
        int[] labels = new int[examples];
        for (int i = 0; i < examples; i++) {
            labels[i] = rng.nextInt(CLASSES);
        }
        return new Dataset("random", Tensor.wrap(pixels, examples, FEATURES), labels, CLASSES);
    }

    static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
