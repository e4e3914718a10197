package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Loads the real data sets when this machine has them; skipped (with the reason) otherwise.
 * Real files are never copied into the repository.
 */
class RealMnistFilesTest {
    private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /** {@code shared/data/mnist} beside the worktree, found from the working directory upwards. */
    private static Path sharedMnist() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data/mnist");
            if (MnistLayout.FILES.allPresentIn(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void fashionMnist() {
        assumeTrue(MnistLayout.FILES.allPresentIn(FASHION_MNIST),
                "Fashion-MNIST is not installed in " + FASHION_MNIST + " (sudo apt-get install dataset-fashion-mnist)");

        Dataset train = MnistLayout.loadTrain(FASHION_MNIST, "fashion-mnist");
        Dataset test = MnistLayout.loadTest(FASHION_MNIST, "fashion-mnist");

        assertThat(train.size()).isEqualTo(60_000);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(train.featureCount()).isEqualTo(784);
        assertThat(Arrays.copyOf(train.labels(), 5)).containsExactly(9, 0, 0, 3, 0);
        assertThat(Arrays.copyOf(test.labels(), 5)).containsExactly(9, 2, 1, 1, 6);
        assertThat(train.classCounts()).containsOnly(6000); // Fashion-MNIST is balanced
        assertThat(train.className(train.label(0))).isEqualTo("Ankle boot");
    }

    @Test
    void mnist() {
        Path dir = sharedMnist();
        assumeTrue(dir != null, "MNIST files not found in any shared/data/mnist above " + Path.of("").toAbsolutePath());

        Dataset train = MnistLayout.loadTrain(dir, "mnist");
        Dataset test = MnistLayout.loadTest(dir, "mnist");

        assertThat(train.size()).isEqualTo(60_000);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(Arrays.copyOf(train.labels(), 5)).containsExactly(5, 0, 4, 1, 9);
        assertThat(Arrays.copyOf(test.labels(), 5)).containsExactly(7, 2, 1, 0, 4);
        float[] pixels = train.features().data();
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : pixels) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
    }
}
