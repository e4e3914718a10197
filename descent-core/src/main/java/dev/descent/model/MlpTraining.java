package dev.descent.model;

import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.Examples;
import dev.descent.data.LabelEncoder;
import dev.descent.data.MiniBatches;
import dev.descent.data.RegressionDataset;
import dev.descent.data.Standardization;
import dev.descent.loss.MeanSquaredError;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.ModelSpec;
import dev.descent.nn.Sequential;
import dev.descent.optim.Optimizer;
import dev.descent.optim.OptimizerBuilder;
import dev.descent.optim.Regularizer;
import dev.descent.random.Rng;
import dev.descent.train.EpochReport;
import dev.descent.train.Objective;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingCallback;
import dev.descent.train.TrainingDivergedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fitted (or started) MLP estimator: the model, its bundle, its optimizer and how far
 * training has gone. Every pass goes through a {@link Trainer}; a new one per call, given the
 * progress so far, so that a call that stopped early does not stop the next, while the
 * optimizer (Adam's moments, the step count of a schedule) carries over from call to call.
 */
final class MlpTraining {
    private final MlpSettings settings;
    private final ModelBundle bundle;
    private final Sequential model;
    private final Objective objective;
    private final double penaltyPerBatch;
    private final long shuffleSeed;
    private final Predictor predictor;
    private final List<Double> lossCurve = new ArrayList<>();
    private final List<Double> validationScores = new ArrayList<>();
    private Optimizer optimizer;
    private int epochs;
    private long steps;
    private int passes;
    private String stopReason;

    private MlpTraining(MlpSettings settings, ModelBundle bundle, Sequential model) {
        this.settings = settings;
        this.bundle = bundle;
        this.model = model;
        boolean classification = bundle.task() == ModelBundle.Task.CLASSIFICATION;
        this.objective = classification ? Objective.of(new SoftmaxCrossEntropy()) : Objective.of(new MeanSquaredError());
        // scikit-learn adds (α/m)·W to the gradient of its loss on a batch of m; Descent's MSE is twice its ½·MSE
        this.penaltyPerBatch = classification ? settings.alpha() : 2 * settings.alpha();
        this.shuffleSeed = Seeds.of(settings.seed()).shuffle();
        this.predictor = Predictor.of(model, bundle);
    }

    /** The three seeds one estimator seed gives: initial weights, validation split, shuffling. */
    record Seeds(long init, long split, long shuffle) {
        static Seeds of(long seed) {
            Rng rng = new Rng(seed);
            return new Seeds(rng.nextLong(), rng.nextLong(), rng.nextLong());
        }
    }

    /** A new network for {@code outputNames.size()} outputs, initialised from the settings' seed. */
    static MlpTraining fresh(MlpSettings settings, int features, ModelBundle.Task task, List<String> outputNames,
                             Standardization.Fitted scaling) {
        return fresh(settings, bundle(settings, features, task, outputNames, scaling));
    }

    /** A new classifier network for {@code classes}, which its bundle keeps (names and labels). */
    static MlpTraining freshClassifier(MlpSettings settings, int features, LabelEncoder classes,
                                       Standardization.Fitted scaling) {
        return fresh(settings, bundle(settings, features, ModelBundle.Task.CLASSIFICATION, classes.classNames(),
                scaling).withClassLabels(classes));
    }

    private static ModelBundle bundle(MlpSettings settings, int features, ModelBundle.Task task,
                                      List<String> outputNames, Standardization.Fitted scaling) {
        ModelSpec spec = ModelSpec.mlp(features, settings.hiddenLayers(), outputNames.size(), settings.activation(), 0);
        return new ModelBundle(spec, task, outputNames, Preprocessing.vectors(features).withScaling(scaling),
                DataFingerprint.none(), Map.of());
    }

    private static MlpTraining fresh(MlpSettings settings, ModelBundle bundle) {
        return new MlpTraining(settings, bundle, bundle.spec().build(new Rng(Seeds.of(settings.seed()).init())));
    }

    /** A saved model, to predict with or to train further (with a new optimizer). */
    static MlpTraining loaded(ModelBundle.Loaded loaded, String source) {
        MlpSettings settings = MlpSettings.fromInfo(loaded.bundle().info(), loaded.bundle().spec(), source);
        MlpTraining training = new MlpTraining(settings, loaded.bundle(), loaded.model());
        String epochsDone = loaded.bundle().info().get("epochs_done");
        if (epochsDone != null && epochsDone.matches("\\d{1,9}")) {
            training.epochs = Integer.parseInt(epochsDone);
        }
        return training;
    }

    /**
     * Trains on {@code prepared} (already preprocessed) until {@code untilEpoch} epochs are done
     * in all, evaluating on {@code validation} (may be null) after each epoch; {@code stopping}
     * (may be null) may end it sooner.
     *
     * @throws IllegalStateException when training diverges (the weights are those of the last good step)
     */
    void train(Examples prepared, Examples validation, int moreEpochs, TrainingCallback stopping) {
        int batchSize = settings.batchSizeFor(prepared.size());
        if (optimizer == null) {
            OptimizerBuilder builder = settings.optimizer().builder();
            if (penaltyPerBatch > 0 && model.namedParameters().keySet().stream().anyMatch(n -> n.endsWith(".weight"))) {
                builder = builder.regularize(Regularizer.l2(penaltyPerBatch / batchSize), "*.weight");
            }
            optimizer = builder.build(model.namedParameters());
        }
        Trainer trainer = new Trainer(model, objective, optimizer);
        trainer.restoreProgress(epochs, steps);
        if (stopping != null) {
            trainer.addCallback(stopping);
        }
        MiniBatches batches = new MiniBatches(prepared, BatchOptions.shuffled(batchSize, shuffleSeed + passes));
        passes++;
        try {
            trainer.fit(batches, epochs + moreEpochs, validation, this::record);
        } catch (TrainingDivergedException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            epochs = trainer.epochsDone();
            steps = trainer.stepsDone();
            stopReason = trainer.stopReason();
            model.eval();
        }
    }

    private void record(EpochReport report) {
        lossCurve.add(report.trainLoss());
        if (report.validation() != null) {
            validationScores.add(bundle.task() == ModelBundle.Task.CLASSIFICATION ? report.validation().accuracy()
                    : report.validation().regression().r2Score());
        }
    }

    /** A copy of {@code raw} with the fitted preprocessing applied, or {@code raw} itself when there is none. */
    Dataset prepare(Dataset raw) {
        Standardization.Fitted scaling = bundle.preprocessing().scaling();
        return scaling == null ? raw : scaling.apply(raw);
    }

    RegressionDataset prepare(RegressionDataset raw) {
        Standardization.Fitted scaling = bundle.preprocessing().scaling();
        return scaling == null ? raw : scaling.apply(raw);
    }

    /** Saves weights and bundle, the settings and the progress in its info (and the class labels, kept). */
    void save(Path file, String estimator) throws IOException {
        Map<String, String> info = settings.info(estimator);
        info.put("epochs_done", Integer.toString(epochs));
        String classLabels = bundle.info().get(ModelBundle.CLASS_LABELS);
        if (classLabels != null) {
            info.put(ModelBundle.CLASS_LABELS, classLabels);
        }
        new ModelBundle(bundle.spec(), bundle.task(), bundle.outputNames(), bundle.preprocessing(),
                bundle.trainingData(), info).save(model, file);
    }

    MlpSettings settings() {
        return settings;
    }

    ModelBundle bundle() {
        return bundle;
    }

    Predictor predictor() {
        return predictor;
    }

    int features() {
        return bundle.spec().inputs();
    }

    int outputs() {
        return bundle.spec().outputs();
    }

    double[] lossCurve() {
        return lossCurve.stream().mapToDouble(Double::doubleValue).toArray();
    }

    double[] validationScores() {
        return validationScores.stream().mapToDouble(Double::doubleValue).toArray();
    }

    int epochsDone() {
        return epochs;
    }

    String stopReason() {
        return stopReason;
    }
}
