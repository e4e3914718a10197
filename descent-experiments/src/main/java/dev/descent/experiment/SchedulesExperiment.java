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
 * weights and batches: SGD with momentum 0.9, α₀ = 0.05, each decay ending at α₀/100 except
 * inverse time, which ends at α₀/10 (a larger r spends its steps in the first percent of the
 * run). On 30 000 examples of the training set, a third held out (stratified) and evaluated
 * after every epoch.
 * Each seed draws its own split, initial weights and batch order, shared by the five schedules,
 * and the verdict weighs the paired differences (constant − decay) over the seeds.
 */
public final class SchedulesExperiment implements Experiment {
    static final double ALPHA = 0.05;
    /** Evaluations of the validation loss spread evenly over the last epoch, its end included. */
    static final int LAST_EPOCH_POINTS = 5;

    @Override
    public String name() {
        return "schedules";
    }

    @Override
    public String claim() {
        return "Decaying the learning rate lets SGD settle: every decay schedule ends with a lower validation loss"
                + " than a constant rate (over the last epoch).";
    }

    @Override
    public String source() {
        return "SGD with a constant step does not converge: it keeps moving in a noise ball whose size grows with"
                + " the step, so the step must decay (Robbins and Monro 1951: Σα = ∞, Σα² < ∞). The lectures"
                + " list linear decay to a floor, inverse time 1/(1 + rt), exponential and step decay.";
    }

    static String rule() {
        return "The validation loss over the last epoch is the mean of " + LAST_EPOCH_POINTS + " evaluations spread"
                + " evenly over it (a constant rate's loss at any one moment is a draw from its noise ball). For each"
                + " decay, the difference (constant's − the decay's) is taken seed by"
                + " seed, on the same split, initial weights and batches. Supported when every decay's mean"
                + " difference exceeds two standard errors (sd/√n over the n seeds); not supported when any"
                + " decay's mean difference is below minus two standard errors; otherwise inconclusive.";
    }

    /**
     * The verdict from the final validation losses, one value per seed: {@code constant[s]} and
     * {@code decays[k][s]}.
     */
    static Verdict judge(double[] constant, double[][] decays) {
        List<Verdict> parts = new ArrayList<>();
        for (double[] decay : decays) {
            parts.add(OverSeeds.difference(constant, decay).above(0));
        }
        return Verdict.allOf(parts);
    }

    @Override
    public Results run(ExperimentContext context) {
        int epochs = context.quick() ? 3 : 6;
        int batch = context.quick() ? 16 : 64;
        int[] hidden = context.quick() ? new int[] {32} : new int[] {128};
        long[] seeds = context.seeds();
        // 20 000 + 10 000 examples of Fashion-MNIST keep 5 schedules × 5 seeds within a minute
        Dataset data = context.quick() ? context.data() : Splits.holdOut(context.data(), 0.5, context.seed()).heldOut();
        int validationSize = (int) Math.round(data.size() / 3.0);
        int trainSize = data.size() - validationSize;
        int stepsPerEpoch = trainSize / batch;
        long total = (long) epochs * stepsPerEpoch;

        List<Named> schedules = List.of(
                new Named("constant", t -> ALPHA),
                new Named("linear to a floor (α₀/100)", new LinearDecay(ALPHA, ALPHA / 100, total)),
                new Named("inverse time 1/(1 + 9t/T)", new InverseTimeDecay(ALPHA, 9.0 / total)),
                new Named("exponential to α₀/100", ExponentialDecay.withRate(ALPHA, Math.log(100) / total)),
                new Named("step: ×0.1 every 40 % of the run", new StepDecay(ALPHA, 0.1,
                        Math.max(1, Math.round(0.4 * total)))));

        double[] epochAxis = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            epochAxis[e] = e + 1;
        }
        int samples = 200;
        double[] stepAxis = new double[samples];
        for (int i = 0; i < samples; i++) {
            stepAxis[i] = Math.round((double) i * (total - 1) / (samples - 1));
        }
        // [schedule][seed][epoch]
        double[][][] loss = new double[schedules.size()][seeds.length][];
        double[][][] accuracy = new double[schedules.size()][seeds.length][];
        double[][] settled = new double[schedules.size()][seeds.length];
        for (int r = 0; r < seeds.length; r++) {
            Rng rng = new Rng(seeds[r]);
            HoldOutSplit split = Splits.holdOut(data, 1.0 / 3, rng.nextLong());
            long initSeed = rng.nextLong();
            long orderSeed = rng.nextLong();
            context.say("seed %d (%d of %d)", seeds[r], r + 1, seeds.length);
            for (int k = 0; k < schedules.size(); k++) {
                double[][] curve = train(context, split.train(), split.heldOut(), hidden, batch, epochs, initSeed,
                        orderSeed, schedules.get(k));
                loss[k][r] = curve[0];
                accuracy[k][r] = curve[1];
                settled[k][r] = curve[2][0];
            }
        }

        LinePlot losses = LinePlot.titled("Validation loss by schedule (mean over " + seeds.length + " seeds)")
                .xAxis("epoch").yAxis("validation loss (cross-entropy, nats)");
        LinePlot accuracies = LinePlot.titled("Validation accuracy by schedule (mean over " + seeds.length
                + " seeds)").xAxis("epoch").yAxis("validation accuracy (fraction)");
        LinePlot rates = LinePlot.titled("The schedules: learning rate over the run").xAxis("update t (mini-batches)")
                .yAxis("learning rate α_t (log scale)").logY();
        List<double[]> columns = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("epoch"));
        columns.add(epochAxis);
        Results results = new Results(this)
                .setting("model", "MLP " + data.featureCount() + "-" + joined(hidden) + "-"
                        + data.classes() + ", softmax cross-entropy")
                .setting("optimizer", "SGD, momentum 0.9, α₀ = " + ALPHA + ", batch " + batch)
                .setting("epochs", epochs)
                .setting("split", trainSize + " training, " + validationSize + " validation (stratified, drawn per seed)")
                .setting("seeds", seeds.length)
                .rule(rule());
        double[] constantSettled = settled[0];
        double[][] decayFinals = new double[schedules.size() - 1][];
        StringBuilder summary = new StringBuilder();
        for (int k = 0; k < schedules.size(); k++) {
            Named s = schedules.get(k);
            results.finding("validation loss over the last epoch (mean of " + LAST_EPOCH_POINTS + "), " + s.name,
                    OverSeeds.of(settled[k]), "nats")
                    .finding("final validation loss, " + s.name, OverSeeds.of(finals(loss[k], epochs)), "nats")
                    .finding("final validation accuracy, " + s.name, OverSeeds.of(finals(accuracy[k], epochs)), "");
            if (k > 0) {
                decayFinals[k - 1] = settled[k];
                OverSeeds gain = OverSeeds.difference(constantSettled, settled[k]);
                results.finding("constant − " + s.name + " (paired)", gain, "nats");
                summary.append(String.format(Locale.ROOT, "%s %s (%s); ", s.name, gain, gain.above(0).label()
                        .toLowerCase(Locale.ROOT)));
            }
            double[] meanLoss = meanCurve(loss[k]);
            double[] meanAccuracy = meanCurve(accuracy[k]);
            losses.line(s.name, epochAxis, meanLoss);
            accuracies.line(s.name, epochAxis, meanAccuracy);
            double[] lr = new double[samples];
            for (int i = 0; i < samples; i++) {
                lr[i] = s.schedule.valueAt((long) stepAxis[i]);
            }
            rates.line(s.name, stepAxis, lr);
            header.add("val_loss_" + slug(s.name));
            header.add("val_loss_se_" + slug(s.name));
            header.add("val_accuracy_" + slug(s.name));
            columns.add(meanLoss);
            columns.add(seCurve(loss[k]));
            columns.add(meanAccuracy);
        }
        results.series(SeriesCsv.write(context.directory(), "schedules", header.toArray(String[]::new),
                columns.toArray(double[][]::new)));
        results.plots(losses.save(context.directory(), "schedules-validation-loss"));
        results.plots(accuracies.save(context.directory(), "schedules-validation-accuracy"));
        results.plots(rates.save(context.directory(), "schedules-learning-rate"));
        Verdict verdict = judge(constantSettled, decayFinals);
        results.verdict(verdict, "Constant rate's validation loss over the last epoch minus each decay's, mean ±"
                + " standard error over "
                + seeds.length + " seeds: " + summary.substring(0, summary.length() - 2) + ".");
        return results;
    }

    private static double[] finals(double[][] perSeed, int epochs) {
        double[] v = new double[perSeed.length];
        for (int r = 0; r < v.length; r++) {
            v[r] = perSeed[r][epochs - 1];
        }
        return v;
    }

    private static double[] meanCurve(double[][] perSeed) {
        double[] m = new double[perSeed[0].length];
        for (double[] curve : perSeed) {
            for (int e = 0; e < m.length; e++) {
                m[e] += curve[e] / perSeed.length;
            }
        }
        return m;
    }

    private static double[] seCurve(double[][] perSeed) {
        double[] se = new double[perSeed[0].length];
        for (int e = 0; e < se.length; e++) {
            double[] at = new double[perSeed.length];
            for (int r = 0; r < at.length; r++) {
                at[r] = perSeed[r][e];
            }
            se[e] = OverSeeds.of(at).standardError();
        }
        return se;
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
        double lastEpoch = 0;
        for (int e = 0; e < epochs; e++) {
            int step = 0;
            int perEpoch = train.size() / batch;
            for (Batch b : batches.nextEpoch()) {
                trainer.step(b.features(), b.labels());
                step++;
                // within the last epoch, the loss at four more points: a constant rate's loss is a
                // draw from its noise ball, and their mean is the level it settles at
                if (e == epochs - 1 && step < perEpoch && step % Math.max(1, perEpoch / LAST_EPOCH_POINTS) == 0
                        && step / Math.max(1, perEpoch / LAST_EPOCH_POINTS) < LAST_EPOCH_POINTS) {
                    lastEpoch += evaluator.evaluate(model, new SoftmaxCrossEntropy(), validation).loss();
                }
            }
            Evaluation ev = evaluator.evaluate(model, new SoftmaxCrossEntropy(), validation);
            loss[e] = ev.loss();
            accuracy[e] = ev.accuracy();
        }
        lastEpoch = (lastEpoch + loss[epochs - 1]) / LAST_EPOCH_POINTS;
        context.say("  %-34s validation loss %.4f (last epoch's mean %.4f), accuracy %.4f", s.name, loss[epochs - 1],
                lastEpoch, accuracy[epochs - 1]);
        return new double[][] {loss, accuracy, {lastEpoch}};
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
