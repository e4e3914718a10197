package dev.descent.experiment;

import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.HoldOutSplit;
import dev.descent.data.MiniBatches;
import dev.descent.data.Splits;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Activation;
import dev.descent.nn.Dropout;
import dev.descent.nn.Linear;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.OptimizerBuilder;
import dev.descent.optim.Regularizer;
import dev.descent.optim.Sgd;
import dev.descent.plot.LinePlot;
import dev.descent.random.Rng;
import dev.descent.schedule.LinearDecay;
import dev.descent.train.Trainer;
import dev.descent.train.Evaluation;
import dev.descent.train.Evaluator;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * {@code regularization}: what closes the generalisation gap, measured on a small training set
 * that an MLP can over-fit in seconds (4 000 examples, stratified, against 10 000 held-out
 * validation examples). The reference run is an MLP with one hidden layer of 256 ReLU units,
 * SGD with momentum 0.9, batch 32, α₀ = 0.01 decaying linearly to α₀/100 over 60 epochs (so
 * that every run ends settled rather than at a random point of its noise). Every run starts
 * from the same initial weights and sees the same batch order; losses are the mean
 * cross-entropy of the final model in evaluation mode (no dropout, no penalty term), and the
 * gap is validation loss − training loss.
 *
 * <ol>
 *   <li>Strength sweeps: L2 (coupled, ½λ‖w‖²) with λ ∈ {10⁻⁴ … 10⁻¹}, L1 (proximal, λ‖w‖₁)
 *       with λ ∈ {10⁻⁵ … 10⁻²}, both on the weight matrices only, and dropout after the hidden
 *       layer with p ∈ {0.1, 0.3, 0.5}; each against the run without regularisation.</li>
 *   <li>Batch size 8 … 512 for the same 60 epochs with the same rate α₀: the claim is about
 *       the gradient noise, whose scale α/B this lets vary (64× across the sweep); a control
 *       sweep scales the rate with the batch (α₀·B/32), which holds α/B fixed.</li>
 *   <li>Capacity: hidden width 4 … 1024, otherwise the reference run.</li>
 * </ol>
 *
 * <p>Verdict rule: the claim counts as supported when (1) for each of L2, L1 and dropout some
 * strength lowers both the gap and the validation loss below the run without regularisation
 * (a penalty that only under-fits lowers the gap alone); (2) with the fixed rate the gap at
 * batch 8 is below the gap at batch 512; (3) over width the training error never rises while
 * the validation error is lowest at an interior width (neither the narrowest nor the widest).
 */
public final class RegularizationExperiment implements Experiment {
    static final double ALPHA = 0.01;
    static final double MOMENTUM = 0.9;
    static final int BATCH = 32;
    static final int WIDTH = 256;
    private static final double[] L2 = {1e-4, 1e-3, 1e-2, 1e-1};
    private static final double[] L1 = {1e-5, 1e-4, 1e-3, 1e-2};
    private static final double[] DROPOUT = {0.1, 0.3, 0.5};
    private static final int[] BATCHES = {8, 32, 128, 512};
    private static final int[] WIDTHS = {4, 16, 64, 256, 1024};
    private static final int TRAINING = 4_000;
    private static final int VALIDATION = 10_000;

    @Override
    public String name() {
        return "regularization";
    }

    @Override
    public String claim() {
        return "Regularisation closes the generalisation gap: L2, L1 and dropout lower it, small batches regularise,"
                + " and past some width the validation error rises while the training error keeps falling"
                + " (the bias–variance trade-off).";
    }

    @Override
    public Results run(ExperimentContext context) {
        Dataset data = context.data();
        int epochs = context.quick() ? 6 : 60;
        int curveEvery = context.quick() ? 2 : 5;
        Rng rng = new Rng(context.seed());
        int validationSize = Math.min(VALIDATION, data.size() / 4);
        HoldOutSplit split = Splits.holdOut(data, (double) validationSize / data.size(), rng.nextLong());
        long subsetSeed = rng.nextLong();
        int trainingSize = context.quick() ? 600 : TRAINING;
        Dataset train = trainingSize < split.train().size()
                ? Splits.holdOut(split.train(), (double) trainingSize / split.train().size(), subsetSeed).heldOut()
                : split.train();
        Bench bench = new Bench(context, train, split.heldOut(), epochs, curveEvery, rng.nextLong(), rng.nextLong(),
                rng.nextLong());
        Recipe reference = new Recipe(WIDTH, BATCH, ALPHA, null, 0);

        context.say("regularization: %d training, %d validation examples, %d epochs per run", train.size(),
                bench.validation.size(), epochs);
        Outcome none = bench.train("no regularisation", reference, true);
        Sweep l2 = Sweep.of("L2", "λ", none, L2, s -> bench.train("L2 λ = " + Numbers.compact(s),
                reference.withPenalty(Regularizer.l2(s)), true));
        Sweep l1 = Sweep.of("L1", "λ", none, L1, s -> bench.train("L1 λ = " + Numbers.compact(s),
                reference.withPenalty(Regularizer.l1Proximal(s)), true));
        Sweep dropout = Sweep.of("dropout", "p", none, DROPOUT, p -> bench.train("dropout p = " + Numbers.compact(p),
                reference.withDropout(p), true));

        Outcome[] fixed = new Outcome[BATCHES.length];
        Outcome[] scaled = new Outcome[BATCHES.length];
        double[] batchAxis = new double[BATCHES.length];
        for (int i = 0; i < BATCHES.length; i++) {
            int b = BATCHES[i];
            batchAxis[i] = b;
            fixed[i] = b == BATCH ? none : bench.train("batch " + b + ", α " + ALPHA, reference.withBatch(b, ALPHA), false);
            double lr = ALPHA * b / BATCH;
            scaled[i] = b == BATCH ? none : bench.train("batch " + b + ", α " + Numbers.compact(lr),
                    reference.withBatch(b, lr), false);
        }

        Outcome[] capacity = new Outcome[WIDTHS.length];
        double[] widthAxis = new double[WIDTHS.length];
        double[] parameterCounts = new double[WIDTHS.length];
        for (int i = 0; i < WIDTHS.length; i++) {
            int w = WIDTHS[i];
            widthAxis[i] = w;
            parameterCounts[i] = (double) (train.featureCount() + 1) * w + (w + 1) * train.classes();
            capacity[i] = w == WIDTH ? none : bench.train("width " + w, reference.withWidth(w), false);
        }

        Results results = new Results(this)
                .setting("data", train.size() + " training examples (a stratified subset, small so that the MLP"
                        + " over-fits in little time), " + bench.validation.size() + " held-out validation examples")
                .setting("model", "MLP " + train.featureCount() + "-" + WIDTH + "-" + train.classes()
                        + " (ReLU), softmax cross-entropy; same initial weights in every run of a width")
                .setting("optimizer", "SGD, momentum " + MOMENTUM + ", batch " + BATCH + ", α₀ = " + ALPHA
                        + " decaying linearly to α₀/100 over the run; same batch order in every run")
                .setting("epochs per run", epochs)
                .setting("losses", "mean cross-entropy of the final model in evaluation mode (no dropout, no penalty"
                        + " term); gap = validation − training")
                .setting("L2", "coupled, gradient + λw, penalty ½λ‖w‖² on the weight matrices (not biases), λ ∈ "
                        + Arrays.toString(L2))
                .setting("L1", "proximal (soft-thresholding after each step), penalty λ‖w‖₁ on the weight matrices, λ ∈ "
                        + Arrays.toString(L1))
                .setting("dropout", "after the hidden ReLU, p ∈ " + Arrays.toString(DROPOUT))
                .setting("batch sizes", Arrays.toString(BATCHES) + ", same epochs; fixed α₀ = " + ALPHA
                        + " (α/B varies 64×, the noise the claim is about) and, as a control, α₀·B/" + BATCH
                        + " (α/B fixed)")
                .setting("hidden widths", Arrays.toString(WIDTHS) + ", one hidden layer")
                .setting("loss curves", "evaluated every " + curveEvery + " epochs in the strength sweeps");

        results.finding("training loss, no regularisation", none.trainLoss, "nats")
                .finding("validation loss, no regularisation", none.validationLoss, "nats")
                .finding("gap, no regularisation", none.gap(), "nats")
                .finding("‖w‖₂ of the weights, no regularisation", none.weightNorm, "");
        for (Sweep s : new Sweep[] {l2, l1, dropout}) {
            Outcome best = s.best();
            results.finding("best " + s.name + " " + s.symbol + " (lowest validation loss)", s.bestStrength(), "")
                    .finding("gap, best " + s.name, best.gap(), "nats")
                    .finding("validation loss, best " + s.name, best.validationLoss, "nats")
                    .finding("‖w‖₂ of the weights, best " + s.name, best.weightNorm, "")
                    .finding("smallest gap over the " + s.name + " sweep", s.smallestGap(), "nats");
        }
        results.finding("‖w‖₂ of the weights, strongest L2 (λ = " + Numbers.compact(L2[L2.length - 1]) + ")",
                        l2.outcomes[l2.outcomes.length - 1].weightNorm, "")
                .finding("fraction of weights exactly zero, best L1", l1.best().zeroFraction, "")
                .finding("gap at batch " + BATCHES[0] + ", fixed α", fixed[0].gap(), "nats")
                .finding("gap at batch " + BATCHES[BATCHES.length - 1] + ", fixed α", fixed[fixed.length - 1].gap(),
                        "nats")
                .finding("training loss at batch " + BATCHES[BATCHES.length - 1] + ", fixed α",
                        fixed[fixed.length - 1].trainLoss, "nats")
                .finding("gap at batch " + BATCHES[0] + ", α ∝ batch", scaled[0].gap(), "nats")
                .finding("gap at batch " + BATCHES[BATCHES.length - 1] + ", α ∝ batch", scaled[scaled.length - 1].gap(),
                        "nats")
                .finding("validation error at batch " + BATCHES[0] + ", fixed α", fixed[0].validationError, "")
                .finding("validation error at batch " + BATCHES[BATCHES.length - 1] + ", fixed α",
                        fixed[fixed.length - 1].validationError, "");
        int bestWidth = lowest(capacity, o -> o.validationError);
        results.finding("width with the lowest validation error", WIDTHS[bestWidth], "hidden units")
                .finding("lowest validation error over width", capacity[bestWidth].validationError, "")
                .finding("validation error at width " + WIDTHS[0], capacity[0].validationError, "")
                .finding("validation error at width " + WIDTHS[WIDTHS.length - 1],
                        capacity[capacity.length - 1].validationError, "")
                .finding("training error at width " + WIDTHS[0], capacity[0].trainError, "")
                .finding("training error at width " + WIDTHS[WIDTHS.length - 1], capacity[capacity.length - 1].trainError,
                        "");

        for (Sweep s : new Sweep[] {l2, l1, dropout}) {
            results.series(s.writeCsv(context));
        }
        results.series(SeriesCsv.write(context.directory(), "regularization-curves",
                new String[] {"epoch", "train_loss_none", "validation_loss_none", "train_loss_best_l2",
                    "validation_loss_best_l2", "train_loss_best_l1", "validation_loss_best_l1",
                    "train_loss_best_dropout", "validation_loss_best_dropout"},
                bench.curveEpochs(), none.trainCurve, none.validationCurve, l2.best().trainCurve,
                l2.best().validationCurve, l1.best().trainCurve, l1.best().validationCurve,
                dropout.best().trainCurve, dropout.best().validationCurve));
        results.series(SeriesCsv.write(context.directory(), "regularization-batch-size",
                new String[] {"batch_size", "lr_fixed", "train_loss_fixed", "validation_loss_fixed", "gap_fixed",
                    "train_error_fixed", "validation_error_fixed", "lr_scaled", "train_loss_scaled",
                    "validation_loss_scaled", "gap_scaled", "train_error_scaled", "validation_error_scaled"},
                batchAxis, filled(BATCHES.length, ALPHA), column(fixed, o -> o.trainLoss),
                column(fixed, o -> o.validationLoss), column(fixed, Outcome::gap), column(fixed, o -> o.trainError),
                column(fixed, o -> o.validationError), scaledRates(), column(scaled, o -> o.trainLoss),
                column(scaled, o -> o.validationLoss), column(scaled, Outcome::gap), column(scaled, o -> o.trainError),
                column(scaled, o -> o.validationError)));
        results.series(SeriesCsv.write(context.directory(), "regularization-capacity",
                new String[] {"width", "parameters", "train_loss", "validation_loss", "gap", "train_error",
                    "validation_error", "weight_norm"},
                widthAxis, parameterCounts, column(capacity, o -> o.trainLoss), column(capacity, o -> o.validationLoss),
                column(capacity, Outcome::gap), column(capacity, o -> o.trainError),
                column(capacity, o -> o.validationError), column(capacity, o -> o.weightNorm)));

        results.plots(l2.lossPlot("L2 weight decay", "L2 strength λ (penalty ½λ‖w‖², log scale)", true)
                .save(context.directory(), "regularization-l2"));
        results.plots(l1.lossPlot("L1 penalty", "L1 strength λ (penalty λ‖w‖₁, log scale)", true)
                .save(context.directory(), "regularization-l1"));
        results.plots(dropout.lossPlot("Dropout", "dropout probability p (hidden layer)", false)
                .save(context.directory(), "regularization-dropout"));
        results.plots(weightNormPlot(l2, l1).save(context.directory(), "regularization-weight-norm"));
        double[] dropoutNorms = dropout.column(o -> o.weightNorm);
        results.plots(LinePlot.titled(String.format(Locale.ROOT, "Dropout: norm of the weights against p (%+.1f %% from"
                        + " p = 0 to %s)", 100 * (dropoutNorms[dropoutNorms.length - 1] / dropoutNorms[0] - 1),
                        Numbers.compact(dropout.strengths[dropout.strengths.length - 1])))
                .xAxis("dropout probability p (hidden layer)")
                .yAxis("‖w‖₂ of the weight matrices (biases excluded)")
                .line("‖w‖₂ after " + epochs + " epochs", dropout.strengths, dropoutNorms)
                .save(context.directory(), "regularization-dropout-weight-norm"));
        results.plots(curvesPlot(bench, none, l2, l1, dropout).save(context.directory(), "regularization-curves"));
        results.plots(LinePlot.titled("Generalisation gap against batch size (same " + epochs + " epochs)")
                .xAxis("batch size B (examples, log scale)")
                .yAxis("gap: validation − training loss (nats)")
                .logX()
                .line("fixed rate α₀ = " + ALPHA, batchAxis, column(fixed, Outcome::gap))
                .line("rate ∝ batch, α₀ = " + ALPHA + "·B/" + BATCH + " (control)", batchAxis, column(scaled, Outcome::gap))
                .save(context.directory(), "regularization-batch-size"));
        results.plots(LinePlot.titled("Losses against batch size, fixed rate α₀ = " + ALPHA)
                .xAxis("batch size B (examples, log scale)")
                .yAxis("loss after " + epochs + " epochs (cross-entropy, nats)")
                .logX()
                .line("training loss", batchAxis, column(fixed, o -> o.trainLoss))
                .line("validation loss", batchAxis, column(fixed, o -> o.validationLoss))
                .band("gap (validation − training)", batchAxis, column(fixed, o -> o.trainLoss),
                        column(fixed, o -> o.validationLoss))
                .save(context.directory(), "regularization-batch-size-losses"));
        results.plots(LinePlot.titled("Capacity: error against hidden width")
                .xAxis("hidden units (one hidden layer, log scale)")
                .yAxis("error rate (fraction misclassified)")
                .logX()
                .line("training error", widthAxis, column(capacity, o -> o.trainError))
                .line("validation error", widthAxis, column(capacity, o -> o.validationError))
                .points("lowest validation error (width " + WIDTHS[bestWidth] + ")",
                        new double[] {WIDTHS[bestWidth]}, new double[] {capacity[bestWidth].validationError})
                .save(context.directory(), "regularization-capacity"));
        results.plots(LinePlot.titled("Capacity: losses against hidden width")
                .xAxis("hidden units (one hidden layer, log scale)")
                .yAxis("loss after " + epochs + " epochs (cross-entropy, nats)")
                .logX()
                .line("training loss", widthAxis, column(capacity, o -> o.trainLoss))
                .line("validation loss", widthAxis, column(capacity, o -> o.validationLoss))
                .band("gap (validation − training)", widthAxis, column(capacity, o -> o.trainLoss),
                        column(capacity, o -> o.validationLoss))
                .save(context.directory(), "regularization-capacity-loss"));

        boolean penaltiesHelp = l2.helps() && l1.helps() && dropout.helps();
        boolean smallBatchesRegularise = fixed[0].gap() < fixed[fixed.length - 1].gap();
        boolean trainingErrorFalls = true;
        for (int i = 1; i < capacity.length; i++) {
            trainingErrorFalls &= capacity[i].trainError <= capacity[i - 1].trainError;
        }
        boolean interiorMinimum = bestWidth > 0 && bestWidth < WIDTHS.length - 1;
        results.verdict(penaltiesHelp && smallBatchesRegularise && trainingErrorFalls && interiorMinimum,
                String.format(Locale.ROOT, "(1) Without regularisation the gap is %.3f nats (validation loss %.3f);"
                                + " %s; %s; %s: %s. (2) With a fixed rate the gap is %.3f at batch %d and %.3f at"
                                + " batch %d (training loss %.3f: the large batch makes %.0f× fewer updates), with the"
                                + " rate ∝ batch %.3f and %.3f: %s. (3) Training error %s from %.3f to %.3f; validation"
                                + " error goes from %.3f at width %d to %.3f at width %d, lowest (%.3f) at width %d: %s.",
                        none.gap(), none.validationLoss, l2.summary(), l1.summary(), dropout.summary(),
                        penaltiesHelp ? "each lowers both the gap and the validation loss"
                                : "not each lowers both the gap and the validation loss",
                        fixed[0].gap(), BATCHES[0], fixed[fixed.length - 1].gap(), BATCHES[BATCHES.length - 1],
                        fixed[fixed.length - 1].trainLoss, updatesPerEpoch(train, BATCHES[0])
                                / updatesPerEpoch(train, BATCHES[BATCHES.length - 1]),
                        scaled[0].gap(), scaled[scaled.length - 1].gap(),
                        smallBatchesRegularise ? "the smallest batch has the smaller gap"
                                : "the smallest batch does not have the smaller gap",
                        trainingErrorFalls ? "falls with width" : "does not fall monotonically with width",
                        capacity[0].trainError, capacity[capacity.length - 1].trainError,
                        capacity[0].validationError, WIDTHS[0], capacity[capacity.length - 1].validationError,
                        WIDTHS[WIDTHS.length - 1], capacity[bestWidth].validationError, WIDTHS[bestWidth],
                        interiorMinimum ? "an interior minimum, the validation error turns up past it"
                                : "no interior minimum, the validation error does not turn up over this range"));
        return results;
    }

    private static LinePlot weightNormPlot(Sweep l2, Sweep l1) {
        double lowest = Math.min(l1.strengths[1], l2.strengths[1]);
        double highest = Math.max(l1.strengths[l1.strengths.length - 1], l2.strengths[l2.strengths.length - 1]);
        return LinePlot.titled("Norm of the weights against the penalty's strength")
                .xAxis("strength λ (log scale)")
                .yAxis("‖w‖₂ of the weight matrices (biases excluded)")
                .logX()
                .line("L2 (½λ‖w‖²)", l2.nonZero(), l2.nonZero(o -> o.weightNorm))
                .line("L1 (λ‖w‖₁)", l1.nonZero(), l1.nonZero(o -> o.weightNorm))
                .line("no penalty (λ = 0)", new double[] {lowest, highest},
                        filled(2, l2.outcomes[0].weightNorm));
    }

    private static LinePlot curvesPlot(Bench bench, Outcome none, Sweep l2, Sweep l1, Sweep dropout) {
        double[] epochAxis = bench.curveEpochs();
        return LinePlot.titled("Loss during training: none against the best strength of each")
                .xAxis("epoch")
                .yAxis("loss (cross-entropy, nats)")
                .line("no regularisation: training", epochAxis, none.trainCurve)
                .line("no regularisation: validation", epochAxis, none.validationCurve)
                .line("best L2 (λ = " + Numbers.compact(l2.bestStrength()) + "): validation", epochAxis,
                        l2.best().validationCurve)
                .line("best L1 (λ = " + Numbers.compact(l1.bestStrength()) + "): validation", epochAxis,
                        l1.best().validationCurve)
                .line("best dropout (p = " + Numbers.compact(dropout.bestStrength()) + "): validation", epochAxis,
                        dropout.best().validationCurve);
    }

    private static double updatesPerEpoch(Dataset train, int batch) {
        return Math.ceil((double) train.size() / batch);
    }

    private static double[] scaledRates() {
        double[] r = new double[BATCHES.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = ALPHA * BATCHES[i] / BATCH;
        }
        return r;
    }

    private static double[] column(Outcome[] outcomes, ToDoubleFunction<Outcome> value) {
        double[] c = new double[outcomes.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = value.applyAsDouble(outcomes[i]);
        }
        return c;
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    private static int lowest(Outcome[] outcomes, ToDoubleFunction<Outcome> value) {
        int best = 0;
        for (int i = 1; i < outcomes.length; i++) {
            if (value.applyAsDouble(outcomes[i]) < value.applyAsDouble(outcomes[best])) {
                best = i;
            }
        }
        return best;
    }

    /** One run's settings: what differs from the reference run. {@code penalty} null means none. */
    private record Recipe(int width, int batch, double lr, Regularizer penalty, double dropout) {
        Recipe withPenalty(Regularizer r) {
            return new Recipe(width, batch, lr, r, dropout);
        }

        Recipe withDropout(double p) {
            return new Recipe(width, batch, lr, penalty, p);
        }

        Recipe withBatch(int b, double rate) {
            return new Recipe(width, b, rate, penalty, dropout);
        }

        Recipe withWidth(int w) {
            return new Recipe(w, batch, lr, penalty, dropout);
        }
    }

    /**
     * What a run ends with. Errors are fractions misclassified; {@code weightNorm} is ‖w‖₂ over
     * the weight matrices; the curves (training and validation loss every few epochs) are empty
     * unless asked for.
     */
    private record Outcome(double trainLoss, double validationLoss, double trainError, double validationError,
                           double weightNorm, double zeroFraction, double[] trainCurve, double[] validationCurve) {
        double gap() {
            return validationLoss - trainLoss;
        }
    }

    /** The data, seeds and length every run shares, so that runs differ only in their recipe. */
    private static final class Bench {
        final ExperimentContext context;
        final Dataset train;
        final Dataset validation;
        final int epochs;
        final int curveEvery;
        final long initSeed;
        final long orderSeed;
        final long dropoutSeed;
        final Evaluator evaluator = new Evaluator(1024);

        Bench(ExperimentContext context, Dataset train, Dataset validation, int epochs, int curveEvery, long initSeed,
              long orderSeed, long dropoutSeed) {
            this.context = context;
            this.train = train;
            this.validation = validation;
            this.epochs = epochs;
            this.curveEvery = curveEvery;
            this.initSeed = initSeed;
            this.orderSeed = orderSeed;
            this.dropoutSeed = dropoutSeed;
        }

        double[] curveEpochs() {
            double[] e = new double[epochs / curveEvery];
            for (int i = 0; i < e.length; i++) {
                e[i] = (i + 1) * curveEvery;
            }
            return e;
        }

        Outcome train(String label, Recipe recipe, boolean withCurves) {
            long start = System.nanoTime();
            Sequential model = model(recipe);
            MiniBatches batches = new MiniBatches(train, BatchOptions.shuffled(recipe.batch(), orderSeed));
            long updates = (long) epochs * batches.batchesPerEpoch();
            OptimizerBuilder builder = new Sgd(recipe.lr()).withMomentum(MOMENTUM).builder()
                    .schedule(new LinearDecay(recipe.lr(), recipe.lr() / 100, updates));
            if (recipe.penalty() != null) {
                builder = builder.regularize(recipe.penalty(), "*.weight");
            }
            Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(),
                    builder.build(model.namedParameters()));
            double[] trainCurve = new double[withCurves ? epochs / curveEvery : 0];
            double[] validationCurve = new double[trainCurve.length];
            for (int e = 1; e <= epochs; e++) {
                for (Batch b : batches.nextEpoch()) {
                    trainer.step(b.features(), b.labels());
                }
                if (withCurves && e % curveEvery == 0 && e / curveEvery <= trainCurve.length) {
                    trainCurve[e / curveEvery - 1] = evaluator.evaluate(model, new SoftmaxCrossEntropy(), train).loss();
                    validationCurve[e / curveEvery - 1] =
                            evaluator.evaluate(model, new SoftmaxCrossEntropy(), validation).loss();
                }
            }
            Evaluation onTrain = evaluator.evaluate(model, new SoftmaxCrossEntropy(), train);
            Evaluation onValidation = evaluator.evaluate(model, new SoftmaxCrossEntropy(), validation);
            double squares = 0;
            long zeros = 0;
            long count = 0;
            for (Map.Entry<String, Variable> p : model.namedParameters().entrySet()) {
                if (p.getKey().endsWith(".weight")) {
                    for (float w : p.getValue().value().data()) {
                        squares += (double) w * w;
                        zeros += w == 0 ? 1 : 0;
                        count++;
                    }
                }
            }
            Outcome o = new Outcome(onTrain.loss(), onValidation.loss(), 1 - onTrain.accuracy(),
                    1 - onValidation.accuracy(), Math.sqrt(squares), (double) zeros / count, trainCurve,
                    validationCurve);
            context.say("  %-22s training %.4f, validation %.4f (gap %.4f), error %.3f / %.3f, ‖w‖ %.2f (%.1f s)",
                    label, o.trainLoss, o.validationLoss, o.gap(), o.trainError, o.validationError, o.weightNorm,
                    (System.nanoTime() - start) / 1e9);
            return o;
        }

        /** The MLP from the shared initial weights; dropout, when asked for, after the hidden ReLU. */
        private Sequential model(Recipe recipe) {
            Rng init = new Rng(initSeed);
            if (recipe.dropout() == 0) {
                return Models.mlp(init, train.featureCount(), recipe.width(), train.classes());
            }
            return new Sequential(new Linear(train.featureCount(), recipe.width(), init), Activation.relu(),
                    new Dropout((float) recipe.dropout(), new Rng(dropoutSeed)),
                    new Linear(recipe.width(), train.classes(), init));
        }
    }

    /** One regulariser's sweep; element 0 is the run without it (strength 0). */
    private static final class Sweep {
        final String name;
        final String symbol;
        final double[] strengths;
        final Outcome[] outcomes;

        private Sweep(String name, String symbol, double[] strengths, Outcome[] outcomes) {
            this.name = name;
            this.symbol = symbol;
            this.strengths = strengths;
            this.outcomes = outcomes;
        }

        static Sweep of(String name, String symbol, Outcome none, double[] nonZero, DoubleFunction<Outcome> run) {
            double[] strengths = new double[nonZero.length + 1];
            Outcome[] outcomes = new Outcome[nonZero.length + 1];
            outcomes[0] = none;
            for (int i = 0; i < nonZero.length; i++) {
                strengths[i + 1] = nonZero[i];
                outcomes[i + 1] = run.apply(nonZero[i]);
            }
            return new Sweep(name, symbol, strengths, outcomes);
        }

        /** The index (≥ 1) of the strength with the lowest validation loss. */
        private int bestIndex() {
            int best = 1;
            for (int i = 2; i < outcomes.length; i++) {
                if (outcomes[i].validationLoss < outcomes[best].validationLoss) {
                    best = i;
                }
            }
            return best;
        }

        Outcome best() {
            return outcomes[bestIndex()];
        }

        double bestStrength() {
            return strengths[bestIndex()];
        }

        double smallestGap() {
            return Arrays.stream(outcomes).skip(1).mapToDouble(Outcome::gap).min().orElseThrow();
        }

        /** Whether some strength lowers both the gap and the validation loss below strength 0. */
        boolean helps() {
            for (int i = 1; i < outcomes.length; i++) {
                if (outcomes[i].gap() < outcomes[0].gap() && outcomes[i].validationLoss < outcomes[0].validationLoss) {
                    return true;
                }
            }
            return false;
        }

        String summary() {
            Outcome best = best();
            return String.format(Locale.ROOT, "best %s (%s = %s) %.3f with validation loss %.3f", name, symbol,
                    Numbers.compact(bestStrength()), best.gap(), best.validationLoss);
        }

        double[] column(ToDoubleFunction<Outcome> value) {
            return RegularizationExperiment.column(outcomes, value);
        }

        double[] nonZero() {
            return Arrays.copyOfRange(strengths, 1, strengths.length);
        }

        double[] nonZero(ToDoubleFunction<Outcome> value) {
            double[] all = column(value);
            return Arrays.copyOfRange(all, 1, all.length);
        }

        java.nio.file.Path writeCsv(ExperimentContext context) {
            return SeriesCsv.write(context.directory(), "regularization-" + name.toLowerCase(Locale.ROOT),
                    new String[] {"strength", "train_loss", "validation_loss", "gap", "train_error", "validation_error",
                        "weight_norm", "zero_weight_fraction"},
                    strengths, column(o -> o.trainLoss), column(o -> o.validationLoss), column(Outcome::gap),
                    column(o -> o.trainError), column(o -> o.validationError), column(o -> o.weightNorm),
                    column(o -> o.zeroFraction));
        }

        /**
         * Training and validation loss against the strength, the gap shaded between them. On a
         * log axis strength 0 cannot be drawn, so its two losses are horizontal reference lines.
         */
        LinePlot lossPlot(String title, String xLabel, boolean logX) {
            double[] x = logX ? nonZero() : strengths;
            double[] trainLoss = logX ? nonZero(o -> o.trainLoss) : column(o -> o.trainLoss);
            double[] validationLoss = logX ? nonZero(o -> o.validationLoss) : column(o -> o.validationLoss);
            LinePlot plot = LinePlot.titled(title + ": training and validation loss against " + symbol)
                    .xAxis(xLabel)
                    .yAxis("loss after training (cross-entropy, nats)")
                    .line("training loss", x, trainLoss)
                    .line("validation loss", x, validationLoss)
                    .band("gap (validation − training)", x, trainLoss, validationLoss);
            if (logX) {
                double[] ends = {x[0], x[x.length - 1]};
                plot.logX()
                        .line("training loss without it (" + symbol + " = 0)", ends, filled(2, outcomes[0].trainLoss))
                        .line("validation loss without it (" + symbol + " = 0)", ends,
                                filled(2, outcomes[0].validationLoss));
            }
            return plot;
        }
    }
}
