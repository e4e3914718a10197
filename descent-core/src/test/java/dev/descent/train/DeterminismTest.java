package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.autodiff.Variable;
import dev.descent.data.AugmentedBatches;
import dev.descent.data.BatchOptions;
import dev.descent.data.BatchSource;
import dev.descent.data.Dataset;
import dev.descent.data.ImageAugmentation;
import dev.descent.data.MiniBatches;
import dev.descent.data.SyntheticData;
import dev.descent.kernel.ComputeThreads;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The same seed gives bit-identical weights, whatever the number of threads. */
class DeterminismTest {
    private final int threadsBefore = ComputeThreads.threads();

    @AfterEach
    void restoreThreads() {
        ComputeThreads.setThreads(threadsBefore);
    }

    @Test
    void sameSeedSameWeightsWithOneAndTwoThreads() {
        ComputeThreads.setThreads(1);
        List<float[]> one = trainedWeights(11);
        List<float[]> oneAgain = trainedWeights(11);
        ComputeThreads.setThreads(2);
        List<float[]> two = trainedWeights(11);
        List<float[]> otherSeed = trainedWeights(12);

        for (int i = 0; i < one.size(); i++) {
            assertThat(oneAgain.get(i)).as("parameter %d, same seed, same threads", i).containsExactly(one.get(i));
            assertThat(two.get(i)).as("parameter %d, 1 vs 2 threads", i).containsExactly(one.get(i));
        }
        assertThat(otherSeed.get(0)).isNotEqualTo(one.get(0));
    }

    @Test
    void augmentedTrainingIsTheSameWithOneAndTwoThreads() {
        ImageAugmentation augmentation = ImageAugmentation.none(1, 8, 8).withRandomCrop(2).withHorizontalFlip(true);
        ComputeThreads.setThreads(1);
        List<float[]> one = trainedWeights(11, augmentation);
        ComputeThreads.setThreads(2);
        List<float[]> two = trainedWeights(11, augmentation);
        List<float[]> otherSeed = trainedWeights(12, augmentation);
        List<float[]> unaugmented = trainedWeights(11, null);

        for (int i = 0; i < one.size(); i++) {
            assertThat(two.get(i)).as("parameter %d, 1 vs 2 threads", i).containsExactly(one.get(i));
        }
        assertThat(otherSeed.get(0)).isNotEqualTo(one.get(0));
        assertThat(unaugmented.get(0)).isNotEqualTo(one.get(0));
    }

    private static List<float[]> trainedWeights(long seed) {
        return trainedWeights(seed, null);
    }

    /** With {@code augmentation} (null: none), the 64 features taken as 8×8 images. */
    private static List<float[]> trainedWeights(long seed, ImageAugmentation augmentation) {
        // Wide enough layers and batches that the kernels split the products between threads.
        Dataset data = SyntheticData.gaussianBlobs(2048, 4, 64, 1.0, seed);
        Rng rng = new Rng(seed);
        Sequential model = Models.mlp(rng.split(), 64, 512, 256, 4);
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(),
                new Sgd(0.05).withMomentum(0.9).build(model.namedParameters()));
        BatchSource batches = new MiniBatches(data, BatchOptions.shuffled(256, rng.nextLong()));
        if (augmentation != null) {
            batches = new AugmentedBatches(batches, augmentation, rng.split());
        }
        trainer.fit(batches, 2, data, r -> { });
        List<float[]> weights = new ArrayList<>();
        for (Variable p : model.parameters()) {
            weights.add(p.value().data().clone());
        }
        return weights;
    }
}
