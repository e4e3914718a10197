package dev.descent.experiment;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.HoldOutSplit;
import dev.descent.data.MiniBatches;
import dev.descent.data.Splits;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Sgd;
import dev.descent.plot.LinePlot;
import dev.descent.random.Rng;
import dev.descent.schedule.LinearDecay;
import dev.descent.train.Trainer;
import dev.descent.train.Evaluation;
import dev.descent.train.Evaluator;
import java.util.Locale;

/**
 * {@code mode-connectivity} (Garipov et al., "Loss Surfaces, Mode Connectivity, and Fast
 * Ensembling of DNNs", NeurIPS 2018; Draxler et al., "Essentially No Barriers in Neural Network
 * Energy Landscape", ICML 2018): two MLPs trained from different seeds (initial weights and batch
 * order), θ_A and θ_B, and a quadratic Bézier curve between them,
 * φ(t) = (1 − t)²θ_A + 2t(1 − t)θ_C + t²θ_B ({@link BezierCurve}). The control point θ_C starts
 * at the midpoint (θ_A + θ_B)/2, where the curve is the straight line, and is trained by SGD on
 * E_{t ~ U(0, 1)} L(φ(t)): for each mini-batch one t is drawn, the carrier network is set to
 * φ(t), the mini-batch loss is back-propagated, and θ_C gets the gradient 2t(1 − t)·∇L(φ(t)).
 * The MLP is 784-128-10 on Fashion-MNIST; the end points train for 10 epochs each and the curve
 * for 10, all with the same optimizer: SGD with momentum 0.9, batch 64, the rate decaying
 * linearly from α₀ = 0.05 to α₀/100.
 *
 * <p>Both paths, the line (1 − t)θ_A + tθ_B and the trained curve, are evaluated at
 * t = 0, 0.05, …, 1: the training loss on the whole training part (what the networks and the
 * curve were trained on), and loss and accuracy on a stratified sixth held out from the
 * training file, which neither the networks nor the curve saw. The MLP has no batch
 * normalisation, so a point of a path needs no re-estimated statistics.
 *
 * <p>The barrier height of a path is max_t L(t) − max(L(0), L(1)) on that training loss: how
 * far the loss rises above the worse of the two ends (0 when it never does). Frankle et al.
 * (2020) subtract the mean of the ends instead, which gives at least as large a number.
 *
 * <p>Supported when the line's barrier exceeds 0.1 nats and the curve's is below a quarter of
 * the line's.
 */
public final class ModeConnectivityExperiment implements Experiment {
    static final double ALPHA = 0.05;
    static final double LINE_BARRIER_THRESHOLD = 0.1;
    static final double CURVE_FRACTION = 0.25;
    static final int POINTS = 21;

    @Override
    public String name() {
        return "mode-connectivity";
    }

    @Override
    public String claim() {
        return "Two independently trained networks are separated by a loss barrier along the straight line between"
                + " them, but connected by a simple curve along which the loss stays low.";
    }

    @Override
    public String source() {
        return "Garipov et al. 2018, 'Loss surfaces, mode connectivity, and fast ensembling of DNNs', and"
                + " Draxler et al. 2018: minima found from different seeds are joined by simple curves of"
                + " low loss, though the straight line between them crosses a barrier.";
    }

    /** Supported when the line's barrier exceeds the threshold and the curve's is below a quarter of it. */
    static Verdict judge(double lineBarrier, double curveBarrier) {
        return Verdict.of(lineBarrier > LINE_BARRIER_THRESHOLD && curveBarrier < CURVE_FRACTION * lineBarrier);
    }

    @Override
    public Results run(ExperimentContext context) {
        int hidden = context.quick() ? 32 : 128;
        int batch = context.quick() ? 32 : 64;
        int endEpochs = context.quick() ? 8 : 10;
        int curveEpochs = context.quick() ? 4 : 10;
        Rng rng = new Rng(context.seed());
        HoldOutSplit split = Splits.holdOut(context.data(), 1.0 / 6, rng.nextLong());
        Dataset train = split.train();
        Dataset heldOut = split.heldOut();
        int[] widths = {train.featureCount(), hidden, train.classes()};

        Sequential a = trainEnd(context, "θ_A", train, widths, batch, endEpochs, rng.nextLong(), rng.nextLong());
        Sequential b = trainEnd(context, "θ_B", train, widths, batch, endEpochs, rng.nextLong(), rng.nextLong());
        Sequential carrier = Models.mlp(new Rng(0), widths);
        BezierCurve curve = new BezierCurve(carrier, a, b);
        double[] curveTraining = trainCurve(context, curve, carrier, train, batch, curveEpochs, rng.nextLong(),
                rng.nextLong());

        double[] t = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            t[i] = (double) i / (POINTS - 1);
        }
        Evaluator evaluator = new Evaluator(1024);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Profile line = new Profile(POINTS);
        Profile bent = new Profile(POINTS);
        for (int i = 0; i < POINTS; i++) {
            curve.moveAlongLine(t[i]);
            line.measure(i, evaluator.evaluate(carrier, loss, train), evaluator.evaluate(carrier, loss, heldOut));
            curve.moveTo(t[i]);
            bent.measure(i, evaluator.evaluate(carrier, loss, train), evaluator.evaluate(carrier, loss, heldOut));
        }
        context.say("  line:  barrier %.4f nats (max %.4f at t = %.2f), lowest held-out accuracy %.4f",
                line.barrier(), line.highestLoss(), t[line.highestAt()], line.lowestAccuracy());
        context.say("  curve: barrier %.4f nats (max %.4f at t = %.2f), lowest held-out accuracy %.4f",
                bent.barrier(), bent.highestLoss(), t[bent.highestAt()], bent.lowestAccuracy());

        Results results = new Results(this)
                .setting("model", "MLP " + widths[0] + "-" + hidden + "-" + widths[2] + ", ReLU, softmax cross-entropy")
                .setting("end points", endEpochs + " epochs each, SGD momentum 0.9, α from " + ALPHA + " to " + ALPHA / 100
                        + " linearly, batch " + batch + "; different seeds for the initial weights and the batch order")
                .setting("curve", "quadratic Bézier, control point θ_C from the midpoint; " + curveEpochs
                        + " epochs of the same SGD on θ_C, one t ~ U(0, 1) per mini-batch, gradient 2t(1 − t)·∇L(φ(t))")
                .setting("split", train.size() + " training, " + heldOut.size()
                        + " held out from the training file (stratified)")
                .setting("path points", POINTS + ": t = 0, 0.05, …, 1")
                .setting("barrier height", "max_t L(t) − max(L(0), L(1)), L the training loss on the whole training"
                        + " part")
                .finding("θ_A: training loss", line.trainLoss[0], "nats")
                .finding("θ_B: training loss", line.trainLoss[POINTS - 1], "nats")
                .finding("θ_A: held-out accuracy", line.accuracy[0], "")
                .finding("θ_B: held-out accuracy", line.accuracy[POINTS - 1], "")
                .finding("‖θ_B − θ_A‖ (length of the line)", curve.lineLength(), "")
                .finding("distance of the curve's middle φ(½) from the line's", curve.controlOffset() / 2, "")
                .finding("curve training: mean mini-batch loss at random t, first epoch", curveTraining[0], "nats")
                .finding("curve training: mean mini-batch loss at random t, last epoch",
                        curveTraining[curveEpochs - 1], "nats")
                .finding("line: barrier height", line.barrier(), "nats")
                .finding("line: highest training loss", line.highestLoss(), "nats")
                .finding("line: t of the highest loss", t[line.highestAt()], "")
                .finding("line: mean training loss over t", line.meanLoss(), "nats")
                .finding("line: lowest held-out accuracy", line.lowestAccuracy(), "")
                .finding("curve: barrier height", bent.barrier(), "nats")
                .finding("curve: highest training loss", bent.highestLoss(), "nats")
                .finding("curve: t of the highest loss", t[bent.highestAt()], "")
                .finding("curve: mean training loss over t", bent.meanLoss(), "nats")
                .finding("curve: lowest held-out accuracy", bent.lowestAccuracy(), "")
                .finding("curve barrier / line barrier", bent.barrier() / line.barrier(), "");

        results.series(SeriesCsv.write(context.directory(), "mode-connectivity",
                new String[] {"t", "line_train_loss", "line_heldout_loss", "line_heldout_accuracy", "curve_train_loss",
                    "curve_heldout_loss", "curve_heldout_accuracy"},
                t, line.trainLoss, line.heldOutLoss, line.accuracy, bent.trainLoss, bent.heldOutLoss, bent.accuracy));
        double[] epochAxis = new double[curveEpochs];
        for (int e = 0; e < curveEpochs; e++) {
            epochAxis[e] = e + 1;
        }
        results.series(SeriesCsv.write(context.directory(), "mode-connectivity-curve-training",
                new String[] {"epoch", "mean_minibatch_loss_at_random_t"}, epochAxis, curveTraining));
        String lineName = "straight line (1 − t)θ_A + tθ_B";
        String curveName = "Bézier curve (1 − t)²θ_A + 2t(1 − t)θ_C + t²θ_B, θ_C trained";
        String lineWithBarrier = String.format(Locale.ROOT, "%s: barrier %.3f nats", lineName, line.barrier());
        String curveWithBarrier = String.format(Locale.ROOT, "%s: barrier %.3f nats", curveName, bent.barrier());
        String xAxis = "position t along the path (t = 0: θ_A, t = 1: θ_B)";
        results.plots(LinePlot.titled("Training loss from θ_A to θ_B: straight line vs trained curve")
                .xAxis(xAxis).yAxis("training loss (cross-entropy, nats)")
                .line(lineWithBarrier, t, line.trainLoss)
                .line(curveWithBarrier, t, bent.trainLoss)
                .save(context.directory(), "mode-connectivity-loss"));
        results.plots(LinePlot.titled("Held-out accuracy from θ_A to θ_B: straight line vs trained curve")
                .xAxis(xAxis).yAxis("held-out accuracy (fraction)")
                .line(lineName, t, line.accuracy)
                .line(curveName, t, bent.accuracy)
                .save(context.directory(), "mode-connectivity-accuracy"));

        boolean lineBarrier = line.barrier() > LINE_BARRIER_THRESHOLD;
        boolean curveLow = bent.barrier() < CURVE_FRACTION * line.barrier();
        Verdict verdict = judge(line.barrier(), bent.barrier());
        results.rule("Supported when the straight line's barrier (highest training loss on it minus the worse"
                + " end's) exceeds 0.1 nats and the trained curve's barrier is below a quarter of the"
                + " line's; not supported otherwise.");
        results.verdict(verdict, String.format(Locale.ROOT,
                "Along the straight line the training loss rises %.3f nats above the worse end (%s the %.1f threshold;"
                        + " peak %.3f at t = %.2f, held-out accuracy down to %.3f from %.3f and %.3f); along the"
                        + " trained curve it rises %.3f nats (%.0f %% of the line's, %s the %.0f %% allowed; held-out"
                        + " accuracy no lower than %.3f).",
                line.barrier(), lineBarrier ? "above" : "not above", LINE_BARRIER_THRESHOLD, line.highestLoss(),
                t[line.highestAt()], line.lowestAccuracy(), line.accuracy[0], line.accuracy[POINTS - 1],
                bent.barrier(), 100 * bent.barrier() / line.barrier(), curveLow ? "below" : "not below",
                100 * CURVE_FRACTION, bent.lowestAccuracy()));
        return results;
    }

    private static Sequential trainEnd(ExperimentContext context, String name, Dataset train, int[] widths, int batch,
                                       int epochs, long initSeed, long orderSeed) {
        Sequential model = Models.mlp(new Rng(initSeed), widths);
        MiniBatches batches = new MiniBatches(train, BatchOptions.shuffled(batch, orderSeed).withDropLast());
        long total = (long) epochs * batches.batchesPerEpoch();
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(),
                new Sgd(ALPHA).withMomentum(0.9).builder().schedule(new LinearDecay(ALPHA, ALPHA / 100, total))
                        .build(model.namedParameters()));
        double mean = 0;
        for (int e = 0; e < epochs; e++) {
            double sum = 0;
            int count = 0;
            for (Batch b : batches.nextEpoch()) {
                sum += trainer.step(b.features(), b.labels());
                count++;
            }
            mean = sum / count;
        }
        context.say("  %s: %d epochs, mean mini-batch loss in the last %.4f", name, epochs, mean);
        return model;
    }

    /**
     * Trains the curve's control point on E_t L(φ(t)), one t per mini-batch; returns the mean
     * mini-batch loss of each epoch.
     */
    private static double[] trainCurve(ExperimentContext context, BezierCurve curve, Sequential carrier, Dataset train,
                                       int batch, int epochs, long orderSeed, long positionSeed) {
        MiniBatches batches = new MiniBatches(train, BatchOptions.shuffled(batch, orderSeed).withDropLast());
        long total = (long) epochs * batches.batchesPerEpoch();
        Optimizer optimizer = new Sgd(ALPHA).withMomentum(0.9).builder()
                .schedule(new LinearDecay(ALPHA, ALPHA / 100, total)).build(curve.control());
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Tape tape = Tape.recycling();
        Rng positions = new Rng(positionSeed);
        double[] means = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            double sum = 0;
            int count = 0;
            for (Batch b : batches.nextEpoch()) {
                double t = positions.nextDouble();
                curve.moveTo(t);
                tape.reset();
                Variable batchLoss = loss.compute(carrier.forward(tape.input(b.features())), b.labels());
                float value = batchLoss.item();
                if (!Float.isFinite(value)) {
                    throw new IllegalStateException("training the curve diverged: the loss is " + value + " at epoch "
                            + (e + 1) + ", t = " + t);
                }
                carrier.zeroGrad();
                batchLoss.backward();
                optimizer.zeroGrad();
                curve.passGradientToControl(t);
                optimizer.step();
                sum += value;
                count++;
            }
            means[e] = sum / count;
        }
        tape.reset();
        context.say("  curve: %d epochs, mean mini-batch loss at random t %.4f in the first, %.4f in the last", epochs,
                means[0], means[epochs - 1]);
        return means;
    }

    /** Training loss, held-out loss and held-out accuracy at each point of one path. */
    private static final class Profile {
        final double[] trainLoss;
        final double[] heldOutLoss;
        final double[] accuracy;

        Profile(int points) {
            trainLoss = new double[points];
            heldOutLoss = new double[points];
            accuracy = new double[points];
        }

        void measure(int i, Evaluation onTrain, Evaluation onHeldOut) {
            trainLoss[i] = onTrain.loss();
            heldOutLoss[i] = onHeldOut.loss();
            accuracy[i] = onHeldOut.accuracy();
        }

        int highestAt() {
            int k = 0;
            for (int i = 1; i < trainLoss.length; i++) {
                if (trainLoss[i] > trainLoss[k]) {
                    k = i;
                }
            }
            return k;
        }

        double highestLoss() {
            return trainLoss[highestAt()];
        }

        /** max_t L(t) − max(L(0), L(1)). */
        double barrier() {
            return highestLoss() - Math.max(trainLoss[0], trainLoss[trainLoss.length - 1]);
        }

        /** The mean over the evenly spaced points (trapezoid rule): ∫₀¹ L(t) dt. */
        double meanLoss() {
            int last = trainLoss.length - 1;
            double s = (trainLoss[0] + trainLoss[last]) / 2;
            for (int i = 1; i < last; i++) {
                s += trainLoss[i];
            }
            return s / last;
        }

        double lowestAccuracy() {
            double m = Double.POSITIVE_INFINITY;
            for (double v : accuracy) {
                m = Math.min(m, v);
            }
            return m;
        }
    }
}
