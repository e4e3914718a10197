package dev.descent.experiment;

import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.MiniBatches;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.train.Evaluation;
import dev.descent.train.Evaluator;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingDivergedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training runs of {@code regularization}: an MLP with one hidden layer of ReLU units,
 * softmax cross-entropy, plain SGD with momentum 0.9 at a constant rate, no regularisation of
 * any kind. Every run is a function of its seeds alone: the initial weights come from
 * {@code initSeed}, the batch order from {@code orderSeed}.
 */
final class RegularizationRuns {
    static final double MOMENTUM = 0.9;
    private static final int EVALUATION_BATCH = 1024;

    private RegularizationRuns() {
    }

    /** The three parts of one seed's data: training (possibly with flipped labels), validation, test. */
    record Sets(Dataset train, Dataset validation, Dataset test) {
    }

    /**
     * What a long run on the noisy training set ends with. The early-stopping epoch is the first
     * evaluated epoch with the lowest validation error; the errors "at stop" are those of the
     * weights saved then. The curves hold one value per evaluated epoch ({@code every},
     * 2·every, …, the last being the end of the run).
     */
    record LongRun(int width, double trainError, double validationError, double testError, int stopEpoch,
                   double trainErrorAtStop, double validationErrorAtStop, double testErrorAtStop, int every,
                   double[] trainCurve, double[] validationCurve) {
        /**
         * The first evaluated epoch whose training error (the flipped labels included) is at
         * most {@code tolerance}, or 0 if there is none.
         */
        int firstEpochFitting(double tolerance) {
            for (int i = 0; i < trainCurve.length; i++) {
                if (within(trainCurve[i], tolerance)) {
                    return (i + 1) * every;
                }
            }
            return 0;
        }

        /** Whether the training error came within {@code tolerance} at some evaluation. */
        boolean fits(double tolerance) {
            return firstEpochFitting(tolerance) > 0;
        }

        /** The lowest training error of the evaluations. */
        double lowestTrainError() {
            return Arrays.stream(trainCurve).min().orElse(trainError);
        }
    }

    /** {@code error ≤ tolerance}, with room for the rounding of 1 − accuracy (1 − 0.998 > 0.002). */
    static boolean within(double error, double tolerance) {
        return error <= tolerance + 1e-12;
    }

    /**
     * Trains {@code epochs} epochs at a constant rate, evaluating the training and validation
     * error every {@code every} epochs and keeping a copy of the weights with the lowest
     * validation error so far (early stopping, decided afterwards: the run itself never stops
     * early).
     */
    static LongRun trainLong(Sets sets, int width, int batch, double rate, int epochs, int every, long initSeed,
                             long orderSeed) {
        Sequential model = Models.mlp(new Rng(initSeed), sets.train().featureCount(), width, sets.train().classes());
        Trainer trainer = trainer(model, rate);
        MiniBatches batches = new MiniBatches(sets.train(), BatchOptions.shuffled(batch, orderSeed));
        Evaluator evaluator = new Evaluator(EVALUATION_BATCH);
        int points = epochs / every;
        double[] trainErrors = new double[points];
        double[] validationErrors = new double[points];
        List<float[]> best = null;
        double bestValidation = Double.POSITIVE_INFINITY;
        int stopEpoch = 0;
        for (int e = 1; e <= points * every; e++) {
            for (Batch b : batches.nextEpoch()) {
                trainer.step(b.features(), b.labels());
            }
            if (e % every == 0) {
                int point = e / every - 1;
                validationErrors[point] = error(evaluator, model, sets.validation());
                trainErrors[point] = error(evaluator, model, sets.train());
                if (validationErrors[point] < bestValidation) {
                    bestValidation = validationErrors[point];
                    stopEpoch = e;
                    best = copy(model, best);
                }
            }
        }
        double trainError = error(evaluator, model, sets.train());
        double validationError = error(evaluator, model, sets.validation());
        double testError = error(evaluator, model, sets.test());
        restore(model, best);
        return new LongRun(width, trainError, validationError, testError, stopEpoch,
                error(evaluator, model, sets.train()), bestValidation, error(evaluator, model, sets.test()),
                every, trainErrors, validationErrors);
    }

    /**
     * What a run trained to a target training loss ends with. {@code reached} is false when the
     * run hit its epoch limit first or diverged (then the errors are NaN); {@code epochs} is the
     * number trained.
     */
    record ToLoss(int batch, double rate, boolean reached, int epochs, double trainLoss, double validationError,
                  double testError) {
    }

    /**
     * Trains until the mean cross-entropy on the whole training set, measured after every
     * epoch, is at most {@code targetLoss}, for at most {@code maxEpochs} epochs.
     */
    static ToLoss trainToLoss(Sets sets, int width, int batch, double rate, double targetLoss, int maxEpochs,
                              long initSeed, long orderSeed) {
        Sequential model = Models.mlp(new Rng(initSeed), sets.train().featureCount(), width, sets.train().classes());
        Trainer trainer = trainer(model, rate);
        MiniBatches batches = new MiniBatches(sets.train(), BatchOptions.shuffled(batch, orderSeed));
        Evaluator evaluator = new Evaluator(EVALUATION_BATCH);
        double trainLoss = Double.NaN;
        int e = 0;
        try {
            while (e < maxEpochs && !(trainLoss <= targetLoss)) {
                for (Batch b : batches.nextEpoch()) {
                    trainer.step(b.features(), b.labels());
                }
                e++;
                trainLoss = evaluator.evaluate(model, new SoftmaxCrossEntropy(), sets.train()).loss();
                if (!Double.isFinite(trainLoss)) {
                    break;
                }
            }
        } catch (TrainingDivergedException diverged) {
            return new ToLoss(batch, rate, false, e, Double.NaN, Double.NaN, Double.NaN);
        }
        if (!Double.isFinite(trainLoss)) {
            return new ToLoss(batch, rate, false, e, Double.NaN, Double.NaN, Double.NaN);
        }
        return new ToLoss(batch, rate, trainLoss <= targetLoss, e, trainLoss, error(evaluator, model, sets.validation()),
                error(evaluator, model, sets.test()));
    }

    private static Trainer trainer(Sequential model, double rate) {
        return new Trainer(model, new SoftmaxCrossEntropy(),
                new Sgd(rate).withMomentum(MOMENTUM).builder().build(model.namedParameters()));
    }

    /** The fraction misclassified, in evaluation mode. */
    private static double error(Evaluator evaluator, Sequential model, Dataset data) {
        Evaluation e = evaluator.evaluate(model, new SoftmaxCrossEntropy(), data);
        return 1 - e.accuracy();
    }

    /** The parameters' values, into {@code into} when it already holds arrays of the right sizes. */
    private static List<float[]> copy(Sequential model, List<float[]> into) {
        List<float[]> values = into != null ? into : new ArrayList<>();
        int i = 0;
        for (Variable p : model.namedParameters().values()) {
            float[] data = p.value().data();
            if (into == null) {
                values.add(data.clone());
            } else {
                System.arraycopy(data, 0, values.get(i), 0, data.length);
            }
            i++;
        }
        return values;
    }

    private static void restore(Sequential model, List<float[]> values) {
        int i = 0;
        for (Variable p : model.namedParameters().values()) {
            float[] saved = values.get(i++);
            System.arraycopy(saved, 0, p.value().data(), 0, saved.length);
        }
    }
}
