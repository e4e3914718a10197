package dev.descent.experiment;

import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.MiniBatches;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Layer;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.train.Trainer;
import dev.descent.train.EmpiricalRisk;
import java.util.Iterator;

/** Gradients of a classifier's mean softmax cross-entropy at fixed weights, as flat double vectors. */
final class Gradients {
    private static final int CHUNK = 1024;

    private Gradients() {
    }

    /** The mean-loss gradient over all of {@code data}. */
    static double[] full(Layer model, Dataset data) {
        EmpiricalRisk risk = EmpiricalRisk.of(model, new SoftmaxCrossEntropy(), data, CHUNK);
        double[] g = new double[risk.dimension()];
        risk.valueAndGradient(risk.parameters(), g);
        return g;
    }

    /** The mean-loss gradient over the examples at {@code indices}. */
    static double[] of(Layer model, Dataset data, int[] indices) {
        return full(model, data.subset(indices));
    }

    /** {@code k} distinct indices of {@code [0, n)}, uniformly (a partial Fisher–Yates shuffle). */
    static int[] sampleWithoutReplacement(Rng rng, int n, int k, int[] scratch) {
        for (int i = 0; i < n; i++) {
            scratch[i] = i;
        }
        int[] chosen = new int[k];
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = scratch[i];
            scratch[i] = scratch[j];
            scratch[j] = t;
            chosen[i] = scratch[i];
        }
        return chosen;
    }

    /** Trains {@code model} for {@code steps} SGD steps (lr 0.05, momentum 0.9, batch 64): typical, not initial, weights. */
    static void pretrain(Layer model, Dataset data, int steps, long seed) {
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(),
                new Sgd(0.05).withMomentum(0.9).build(model.namedParameters()));
        MiniBatches batches = new MiniBatches(data, BatchOptions.shuffled(Math.min(64, data.size()), seed).withDropLast());
        Iterator<Batch> it = batches.nextEpoch().iterator();
        for (int s = 0; s < steps; s++) {
            if (!it.hasNext()) {
                it = batches.nextEpoch().iterator();
            }
            Batch b = it.next();
            trainer.step(b.features(), b.labels());
        }
    }

    static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
