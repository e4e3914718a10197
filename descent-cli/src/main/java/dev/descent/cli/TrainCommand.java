package dev.descent.cli;

import dev.descent.data.BatchOptions;
import dev.descent.data.DatasetLocator;
import dev.descent.data.MiniBatches;
import dev.descent.kernel.KernelProvider;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Optimizer;
import dev.descent.random.Rng;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.schedule.ReduceOnPlateau;
import dev.descent.train.ClassifierTrainer;
import dev.descent.train.EpochReport;
import dev.descent.train.Evaluation;
import dev.descent.train.Evaluator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code descent train}: trains a ReLU MLP classifier with mini-batch SGD and reports
 * per-epoch training loss, validation accuracy and throughput, then the test accuracy.
 */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Train a ReLU MLP classifier with mini-batch SGD.",
                "With no options: 784-256-128-10 on Fashion-MNIST (or the built-in digits when it is absent)."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = DatasetChooser.DEFAULT,
            description = "Data set: fashion-mnist, mnist or digits (built in).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory holding the data set's IDX files (default: search $DESCENT_DATA/NAME, "
                    + "~/.cache/descent/NAME, /usr/share/datasets/NAME).")
    Path dataDir;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Passes over the training set.")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "64", description = "Examples per update.")
    int batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sgd",
            description = "sgd, nesterov, momentum (the lectures' form), adagrad, rmsprop, adam, amsgrad, adamw, "
                    + "adamax or nadam, with PyTorch's semantics.")
    String optimizerName;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Learning rate (default: 0.05 for sgd, nesterov and momentum; PyTorch's default otherwise).")
    Double lrOption;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA", defaultValue = "0",
            description = "weight_decay: coupled L2 (decoupled for adamw).")
    double weightDecay;

    @Option(names = "--schedule", paramLabel = "NAME", defaultValue = "linear",
            description = "Learning-rate schedule: linear (from --lr down to --lr-floor over the run), constant, cosine, "
                    + "inverse-time (halves after one epoch), one-cycle, or plateau (halves when the validation "
                    + "loss stops improving).")
    String schedule;

    private double lr;

    @Option(names = "--lr-floor", paramLabel = "RATE",
            description = "Final learning rate of the linear schedule (default: --lr / 100).")
    Double lrFloor;

    @Option(names = "--momentum", paramLabel = "MU", defaultValue = "0.9",
            description = "Momentum of sgd, nesterov and momentum (0 for plain SGD).")
    double momentum;

    @Option(names = "--hidden", paramLabel = "WIDTHS", split = ",", defaultValue = "256,128",
            description = "Hidden layer widths, comma-separated.")
    int[] hidden;

    @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0.1",
            description = "Share of the training set held out (stratified) for validation.")
    double validationFraction;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of every random choice (initial weights, splits, shuffles).")
    long seed;

    @Mixin
    ThreadsOption threadsOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final DatasetLocator locator;

    TrainCommand() {
        this(DatasetLocator.fromSystem());
    }

    /** With a given search for data sets (tests use one that finds nothing). */
    TrainCommand(DatasetLocator locator) {
        this.locator = locator;
    }

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        threadsOption.apply();
        out.println("descent " + VersionProvider.version() + " · JDK " + System.getProperty("java.version")
                + " · " + KernelProvider.selection());
        boolean datasetChosen = spec.commandLine().getParseResult().hasMatchedOption("--dataset");
        DataSplits data = DatasetChooser.choose(locator, dataset, dataDir, datasetChosen, validationFraction, seed, out);
        out.printf(Locale.ROOT, "data     %s (%s): train %d, validation %d, test %d; %d features, %d classes%n",
                data.name(), data.source(), data.train().size(), data.validation().size(), data.test().size(),
                data.train().featureCount(), data.train().classes());

        Rng rng = new Rng(seed);
        int[] widths = new int[hidden.length + 2];
        widths[0] = data.train().featureCount();
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = data.train().classes();
        Sequential model = Models.mlp(rng.split(), widths);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        MiniBatches batches = new MiniBatches(data.train(), BatchOptions.shuffled(batchSize, rng.nextLong()));
        LearningRateSchedule rates = OptimizerChoice.schedule(schedule, lr, lrFloor != null ? lrFloor : lr / 100,
                (long) batches.batchesPerEpoch() * epochs, batches.batchesPerEpoch());
        Optimizer optimizer = OptimizerChoice.optimizer(optimizerName, lr, momentum, weightDecay).builder()
                .schedule(rates).build(model.namedParameters());
        out.printf(Locale.ROOT, "model    %s ReLU MLP, %,d parameters · %s · %s · batch %d · seed %d%n",
                join(widths), model.parameterCount(), loss, optimizer, batchSize, seed);

        ClassifierTrainer trainer = new ClassifierTrainer(model, loss, optimizer);
        Evaluator evaluator = new Evaluator(1024);
        out.println();
        out.println("epoch         lr   train loss   val loss   val acc      gap   samples/s   seconds");
        out.flush();
        trainer.fit(batches, epochs, data.validation(), evaluator, report -> {
            printEpoch(out, report);
            if (rates instanceof ReduceOnPlateau plateau) {
                plateau.report(report.validation().loss());
            }
        });
        Evaluation test = evaluator.evaluate(model, loss, data.test());
        out.println();
        out.printf(Locale.ROOT, "test     loss %.4f · accuracy %.2f%% (%d examples)%n",
                test.loss(), 100 * test.accuracy(), test.examples());
        out.flush();
        return 0;
    }

    private static void printEpoch(PrintWriter out, EpochReport r) {
        out.printf(Locale.ROOT, "%5d   %8.2e   %10.4f   %8.4f   %6.2f%%   %+6.3f   %9.0f   %7.2f%n",
                r.epoch(), r.learningRate(), r.trainLoss(), r.validation().loss(), 100 * r.validation().accuracy(), r.gap(),
                r.samplesPerSecond(), r.seconds());
        out.flush();
    }

    private void validate() {
        if (!OptimizerChoice.OPTIMIZERS.contains(optimizerName)) {
            throw new IllegalArgumentException("--optimizer: unknown optimizer '" + optimizerName + "'; choose one of "
                    + OptimizerChoice.OPTIMIZERS);
        }
        if (!OptimizerChoice.SCHEDULES.contains(schedule)) {
            throw new IllegalArgumentException("--schedule: unknown schedule '" + schedule + "'; choose one of "
                    + OptimizerChoice.SCHEDULES);
        }
        lr = lrOption != null ? lrOption : OptimizerChoice.defaultLearningRate(optimizerName);
        if (epochs <= 0) {
            throw new IllegalArgumentException("--epochs must be a positive number of passes, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("--batch-size must be positive, got " + batchSize);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be a finite number > 0, got " + lr);
        }
        if (lrFloor != null && (!(lrFloor > 0) || lrFloor > lr)) {
            throw new IllegalArgumentException("--lr-floor must be > 0 and at most --lr (" + lr + "), got " + lrFloor);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("--momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("--weight-decay must be a finite number ≥ 0, got " + weightDecay);
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("--validation-fraction must be in (0, 1), got " + validationFraction);
        }
        for (int width : hidden) {
            if (width <= 0) {
                throw new IllegalArgumentException("--hidden: every width must be positive, got " + width);
            }
        }
    }

    private static String join(int[] widths) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            s.append(i == 0 ? "" : "-").append(widths[i]);
        }
        return s.toString();
    }
}
