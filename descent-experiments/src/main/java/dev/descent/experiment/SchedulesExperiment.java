package dev.descent.experiment;

import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.HoldOutSplit;
import dev.descent.data.MiniBatches;
import dev.descent.data.Splits;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.plot.LinePlot;
import dev.descent.random.Rng;
import dev.descent.schedule.ExponentialDecay;
import dev.descent.schedule.InverseTimeDecay;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.schedule.LinearDecay;
import dev.descent.schedule.StepDecay;
import dev.descent.train.Trainer;
import dev.descent.train.Evaluation;
import dev.descent.train.Evaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code schedules}: the lectures' learning-rate decays — linear to a floor, inverse time
 * 1/(1 + rt), exponential, step — against a constant rate, on the same MLP from the same
 * weights and batches: SGD with momentum 0.9, α₀ = 0.05, each decay reaching about α₀/10 or
 * below by the end. The validation split (a sixth of the training set, stratified) is
 * evaluated after every epoch.
 */
public final class SchedulesExperiment implements Experiment {
    static final double ALPHA = 0.05;

    @Override
    public String name() {
        return "schedules";
    }

    @Override
    public String claim() {
        return "Decaying the learning rate lets SGD settle: every decay schedule ends with a lower validation loss"
                + " than a constant rate.";
    }

    @Override
    public Results run(ExperimentContext context) {
        int epochs = context.quick() ? 3 : 5;
        int batch = context.quick() ? 16 : 64;
        int[] hidden = context.quick() ? new int[] {32} : new int[] {256, 128};
        Rng rng = new Rng(context.seed());
        HoldOutSplit split = Splits.holdOut(context.data(), 1.0 / 6, rng.nextLong());
        Dataset train = split.train();
        Dataset validation = split.heldOut();
        long initSeed = rng.nextLong();
        long orderSeed = rng.nextLong();
        int stepsPerEpoch = train.size() / batch;
        long total = (long) epochs * stepsPerEpoch;

        List<Named> schedules = List.of(
                new Named("constant", t -> ALPHA),
                new Named("linear to a floor (α₀/100)", new LinearDecay(ALPHA, ALPHA / 100, total)),
                new Named("inverse time 1/(1 + 10t/T)", new InverseTimeDecay(ALPHA, 10.0 / total)),
                new Named("exponential to α₀/100", ExponentialDecay.withRate(ALPHA, Math.log(100) / total)),
                new Named("step: ×0.5 every epoch", new StepDecay(ALPHA, 0.5, stepsPerEpoch)));

        double[] epochAxis = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            epochAxis[e] = e + 1;
        }
        int samples = 200;
        double[] stepAxis = new double[samples];
        for (int i = 0; i < samples; i++) {
            stepAxis[i] = Math.round((double) i * (total - 1) / (samples - 1));
        }
        LinePlot losses = LinePlot.titled("Validation loss by schedule").xAxis("epoch")
                .yAxis("validation loss (cross-entropy, nats)");
        LinePlot accuracies = LinePlot.titled("Validation accuracy by schedule").xAxis("epoch")
                .yAxis("validation accuracy (fraction)");
        LinePlot rates = LinePlot.titled("The schedules: learning rate over the run").xAxis("update t (mini-batches)")
                .yAxis("learning rate α_t (log scale)").logY();
        List<double[]> columns = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("epoch"));
        columns.add(epochAxis);
        Results results = new Results(this)
                .setting("model", "MLP " + train.featureCount() + "-" + joined(hidden) + "-" + train.classes()
                        + ", softmax cross-entropy")
                .setting("optimizer", "SGD, momentum 0.9, α₀ = " + ALPHA + ", batch " + batch)
                .setting("epochs", epochs)
                .setting("split", train.size() + " training, " + validation.size() + " validation (stratified)");
        double constantLoss = Double.NaN;
        boolean allLower = true;
        StringBuilder summary = new StringBuilder();
        for (Named s : schedules) {
            double[][] curve = train(context, train, validation, hidden, batch, epochs, initSeed, orderSeed, s);
            double finalLoss = curve[0][epochs - 1];
            double finalAccuracy = curve[1][epochs - 1];
            if (s.name.equals("constant")) {
                constantLoss = finalLoss;
            } else {
                allLower &= finalLoss < constantLoss;
            }
            results.finding("final validation loss, " + s.name, finalLoss, "nats")
                    .finding("final validation accuracy, " + s.name, finalAccuracy, "");
            summary.append(String.format(Locale.ROOT, "%s %.4f; ", s.name, finalLoss));
            losses.line(s.name, epochAxis, curve[0]);
            accuracies.line(s.name, epochAxis, curve[1]);
            double[] lr = new double[samples];
            for (int i = 0; i < samples; i++) {
                lr[i] = s.schedule.valueAt((long) stepAxis[i]);
            }
            rates.line(s.name, stepAxis, lr);
            header.add("val_loss_" + slug(s.name));
            header.add("val_accuracy_" + slug(s.name));
            columns.add(curve[0]);
            columns.add(curve[1]);
        }
        results.series(SeriesCsv.write(context.directory(), "schedules", header.toArray(String[]::new),
                columns.toArray(double[][]::new)));
        results.plots(losses.save(context.directory(), "schedules-validation-loss"));
        results.plots(accuracies.save(context.directory(), "schedules-validation-accuracy"));
        results.plots(rates.save(context.directory(), "schedules-learning-rate"));
        results.verdict(allLower, "Final validation losses: " + summary.substring(0, summary.length() - 2) + "; "
                + (allLower ? "every decay ends below the constant rate." : "not every decay ends below the constant rate."));
        return results;
    }

    /** Validation loss and accuracy after each epoch: {@code {loss[], accuracy[]}}. */
    private static double[][] train(ExperimentContext context, Dataset train, Dataset validation, int[] hidden, int batch,
                                    int epochs, long initSeed, long orderSeed, Named s) {
        int[] widths = new int[hidden.length + 2];
        widths[0] = train.featureCount();
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = train.classes();
        Sequential model = Models.mlp(new Rng(initSeed), widths);
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(),
                new Sgd(s.schedule.baseRate()).withMomentum(0.9).builder().schedule(s.schedule).build(model.namedParameters()));
        MiniBatches batches = new MiniBatches(train, BatchOptions.shuffled(batch, orderSeed).withDropLast());
        Evaluator evaluator = new Evaluator(1024);
        double[] loss = new double[epochs];
        double[] accuracy = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            for (Batch b : batches.nextEpoch()) {
                trainer.step(b.features(), b.labels());
            }
            Evaluation ev = evaluator.evaluate(model, new SoftmaxCrossEntropy(), validation);
            loss[e] = ev.loss();
            accuracy[e] = ev.accuracy();
        }
        context.say("  %-28s validation loss %.4f, accuracy %.4f", s.name, loss[epochs - 1], accuracy[epochs - 1]);
        return new double[][] {loss, accuracy};
    }

    private static String joined(int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int w : widths) {
            b.append(b.length() == 0 ? "" : "-").append(w);
        }
        return b.toString();
    }

    private static String slug(String name) {
        return name.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "").toLowerCase(Locale.ROOT);
    }

    private record Named(String name, LearningRateSchedule schedule) {
    }
}
