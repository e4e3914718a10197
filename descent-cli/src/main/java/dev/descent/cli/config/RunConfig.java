package dev.descent.cli.config;

import static dev.descent.cli.config.ConfigChecks.orDefault;

import dev.descent.data.ImageAugmentation;
import java.util.Optional;

/**
 * Everything {@code descent train} needs to know about a run, as read from a YAML file (see
 * {@link ConfigLoader}) and written back fully resolved (see {@link ConfigWriter}). Every key is
 * optional; a missing one takes {@code descent train}'s default, so {@link #defaults()} is what
 * {@code ./descent train} does without options.
 *
 * <pre>
 * task: classification
 * data: {dataset: fashion-mnist, validation_fraction: 0.1, test_fraction: 0.2, ..., augment: {...}}
 * model: {kind: mlp, hidden: [256, 128], activation: relu, dropout: 0.0}
 * optimizer: {name: sgd, lr: 0.05, momentum: 0.9, dampening: 0.0, nesterov: false, weight_decay: 0.0}
 * schedule: {name: linear, lr_floor: 5.0E-4}
 * training: {epochs: 10, batch_size: 64, seed: 42, ...}
 * run: {name: null, dir: runs}
 * </pre>
 *
 * <p>Besides each section's own checks, the root ties them together: {@code schedule.lr_floor}
 * defaults to {@code optimizer.lr / 100} and may not exceed it, a synthetic set is drawn with
 * {@code training.seed} unless it has its own, the task must suit the data, and
 * {@code data.augment} needs a model with an image shape ({@code model.kind: cnn}) larger than its
 * crop padding, and {@code training.average} does not go with early stopping that restores the best
 * weights, an SWA with a stream (whose epoch length is unknown) nor an {@code swa_lr} with the
 * plateau schedule.
 *
 * @param task classification (softmax cross-entropy over classes) or regression (squared error)
 */
public record RunConfig(Task task, DataSettings data, ModelSettings model, OptimizerSettings optimizer,
        ScheduleSettings schedule, TrainingSettings training, RunSettings run) {

    /** What is learnt: class labels or real-valued targets. */
    public enum Task implements ConfigChoice {
        CLASSIFICATION("classification"),
        REGRESSION("regression");

        private final String configName;

        Task(String configName) {
            this.configName = configName;
        }

        @Override
        public String configName() {
            return configName;
        }
    }

    public RunConfig {
        task = orDefault(task, Task.CLASSIFICATION);
        data = orDefault(data, DataSettings.defaults());
        model = orDefault(model, ModelSettings.defaults());
        optimizer = orDefault(optimizer, OptimizerSettings.defaults());
        schedule = orDefault(schedule, ScheduleSettings.defaults());
        training = orDefault(training, TrainingSettings.defaults());
        run = orDefault(run, RunSettings.defaults());

        if (schedule.name().keys().contains("lr_floor")) {
            if (schedule.lrFloor() == null) {
                schedule = schedule.withLrFloor(optimizer.lr() / 100);
            } else if (schedule.lrFloor() > optimizer.lr()) {
                throw ConfigChecks.invalid("schedule.lr_floor", "above the learning rate", schedule.lrFloor(),
                        "[0, optimizer.lr] = [0, " + optimizer.lr() + "]");
            }
        }
        if (data.synthetic() != null && data.synthetic().seed() == null) {
            data = data.withSynthetic(data.synthetic().withSeed(training.seed()));
        }
        if (task == Task.REGRESSION && data.classificationOnly()) {
            throw ConfigChecks.invalid("task", "the data holds classes, not real-valued targets", task,
                    "classification for " + source(data)
                            + " (regression needs data.csv, data.libsvm, dataset diabetes or synthetic linear-regression)");
        }
        if (task == Task.REGRESSION && Boolean.TRUE.equals(data.stream())) {
            throw ConfigChecks.invalid("data.stream", "a stream reads class labels; regression targets are read into"
                    + " memory", true, "false with task regression (or task classification for a stream)");
        }
        if (task == Task.REGRESSION && training.earlyStopping() != null
                && training.earlyStopping().metric() == EarlyStoppingSettings.Metric.VAL_ACCURACY) {
            throw ConfigChecks.invalid("training.early_stopping.metric", "regression has no accuracy",
                    EarlyStoppingSettings.Metric.VAL_ACCURACY.configName(), "val_loss with task regression");
        }
        if (training.average() != null) {
            checkAverage(training, data, schedule);
        }
        if (task == Task.CLASSIFICATION && data.regressionOnly()) {
            throw ConfigChecks.invalid("task", "the data holds real-valued targets, not classes", task,
                    "regression for " + source(data));
        }
        if (data.augment() != null) {
            if (model.kind() != ModelSettings.Kind.CNN) {
                throw new IllegalArgumentException("data.augment: crops and flips images, but model kind "
                        + model.kind().configName() + " takes each example as a flat row, without an image shape;"
                        + " allowed: data.augment with model.kind: cnn and its model.input_shape [channels, height,"
                        + " width], e.g. [1, 28, 28] (or remove data.augment)");
            }
            data.augment().toAugmentation(model.inputShape()); // checks the padding against the image size
        }
    }

    /**
     * The augmentation of the training batches: {@code data.augment} for images of
     * {@code model.input_shape}, or empty when there is none or it changes nothing.
     */
    public Optional<ImageAugmentation> imageAugmentation() {
        if (data.augment() == null) {
            return Optional.empty();
        }
        ImageAugmentation augmentation = data.augment().toAugmentation(model.inputShape());
        return augmentation.isIdentity() ? Optional.empty() : Optional.of(augmentation);
    }

    /** {@code training.average} against the settings it depends on. */
    private static void checkAverage(TrainingSettings training, DataSettings data, ScheduleSettings schedule) {
        AverageSettings average = training.average();
        if (training.earlyStopping() != null && Boolean.TRUE.equals(training.earlyStopping().restoreBest())) {
            throw ConfigChecks.invalid("training.early_stopping.restore_best", "with training.average the validation"
                    + " scores are the averaged weights', whose best epoch is not kept", true, "false with"
                    + " training.average (the saved model is the final average), or remove training.average");
        }
        if (average.kind() == AverageSettings.Kind.SWA && Boolean.TRUE.equals(data.stream())) {
            throw ConfigChecks.invalid("training.average.kind", "swa averages the last iterate of epochs, but a"
                    + " stream's epoch length is not known in advance", average.kind(), "polyak or ema with"
                    + " data.stream (they count updates), or load the data (data.stream: false)");
        }
        if (average.swaLr() != null && schedule.name() == ScheduleSettings.Name.PLATEAU) {
            throw ConfigChecks.invalid("training.average.swa_lr", "the plateau schedule sets the rate from the"
                    + " validation loss and cannot hand over to a constant one", average.swaLr(), "no swa_lr with"
                    + " schedule plateau (or another schedule, e.g. constant)");
        }
    }

    private static String source(DataSettings data) {
        return data.dataset() != null ? "dataset " + data.dataset()
                : "synthetic " + data.synthetic().kind().configName();
    }

    /** {@code ./descent train} without options: a 784-256-128-10 ReLU MLP on Fashion-MNIST, SGD with momentum. */
    public static RunConfig defaults() {
        return new RunConfig(null, null, null, null, null, null, null);
    }
}
