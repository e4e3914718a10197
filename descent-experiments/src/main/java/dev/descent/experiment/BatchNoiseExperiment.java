package dev.descent.experiment;

import dev.descent.data.Dataset;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.plot.LinePlot;
import dev.descent.random.Rng;
import java.util.Locale;

/**
 * {@code batch-noise}: at fixed weights, the mini-batch gradient's root-mean-square error
 * against the full gradient, for batch sizes 1, 2, 4, …, 1024.
 *
 * <p>A batch of {@code b} examples drawn without replacement from {@code n} has
 * {@code E‖g_B − g‖² = (σ²/b)·(n − b)/(n − 1)}, with σ² the trace of the per-example gradient
 * covariance: the error falls as σ/√b (slope −½ on log-log axes), so halving it takes four
 * times the data. The finite-population factor is above 0.98 for b ≤ 1024 and n = 60 000.
 */
public final class BatchNoiseExperiment implements Experiment {
    /** The slope must be within this of −½ for the claim to count as supported. */
    static final double SLOPE_TOLERANCE = 0.05;

    @Override
    public String name() {
        return "batch-noise";
    }

    @Override
    public String claim() {
        return "The standard error of the mini-batch gradient falls as σ/√n_b: a log-log slope of −1/2,"
                + " so 4× the data buys 2× the accuracy.";
    }

    @Override
    public String source() {
        return "The lectures' analysis of mini-batch SGD: the mini-batch gradient is an average of n_b"
                + " independent draws, so its standard error around the full gradient is σ/√n_b (the central"
                + " limit theorem); 4× the batch halves the noise.";
    }

    /** Supported when the fitted log-log slope lies within {@value #SLOPE_TOLERANCE} of −½. */
    static Verdict judge(double slope) {
        return Verdict.of(Math.abs(slope + 0.5) <= SLOPE_TOLERANCE);
    }

    @Override
    public Results run(ExperimentContext context) {
        Dataset data = context.data();
        int largest = context.quick() ? 64 : 1024;
        int draws = context.quick() ? 12 : 100;
        int hidden = context.quick() ? 16 : 128;
        int pretrainSteps = context.quick() ? 20 : 300;
        int n = data.size();
        if (largest > n / 4) {
            throw new IllegalArgumentException("batch-noise needs at least " + 4 * largest + " training examples, "
                    + context.dataSource() + " has " + n);
        }
        Rng rng = new Rng(context.seed());
        Sequential model = Models.mlp(rng.split(), data.featureCount(), hidden, data.classes());
        context.say("batch-noise: training %d-%d-%d for %d steps to reach typical weights, then fixing them",
                data.featureCount(), hidden, data.classes(), pretrainSteps);
        Gradients.pretrain(model, data, pretrainSteps, rng.nextLong());
        double[] full = Gradients.full(model, data);
        double fullNorm = Gradients.norm(full);

        int sizes = Integer.numberOfTrailingZeros(largest) + 1;
        double[] batch = new double[sizes];
        double[] error = new double[sizes];
        double[] relative = new double[sizes];
        double[] sigma = new double[sizes];
        int[] scratch = new int[n];
        for (int s = 0; s < sizes; s++) {
            int b = 1 << s;
            double sum = 0;
            for (int d = 0; d < draws; d++) {
                int[] indices = Gradients.sampleWithoutReplacement(rng, n, b, scratch);
                sum += Gradients.squaredDistance(Gradients.of(model, data, indices), full);
            }
            batch[s] = b;
            error[s] = Math.sqrt(sum / draws);
            relative[s] = error[s] / fullNorm;
            double finitePopulation = (double) (n - b) / (n - 1);
            sigma[s] = error[s] * Math.sqrt(b / finitePopulation);
            context.say("  n_b = %4d: RMS error %.5f (%.1f%% of ‖g‖)", b, error[s], 100 * relative[s]);
        }
        LogLogFit fit = LogLogFit.of(batch, error);
        double sigmaMean = 0;
        for (double v : sigma) {
            sigmaMean += v / sizes;
        }
        double[] predicted = new double[sizes];
        double[] fitted = new double[sizes];
        for (int s = 0; s < sizes; s++) {
            predicted[s] = sigmaMean * Math.sqrt((n - batch[s]) / (n - 1) / batch[s]);
            fitted[s] = fit.at(batch[s]);
        }
        double fourTimes = 0;
        for (int s = 0; s + 2 < sizes; s++) {
            fourTimes += error[s + 2] / error[s] / (sizes - 2);
        }

        Results results = new Results(this)
                .setting("model", "MLP " + data.featureCount() + "-" + hidden + "-" + data.classes()
                        + ", softmax cross-entropy, weights after " + pretrainSteps + " SGD steps")
                .setting("training examples n", n)
                .setting("batch sizes", "1, 2, 4, …, " + largest)
                .setting("draws per batch size", draws)
                .finding("log-log slope of the RMS error against n_b", fit.slope(), "")
                .finding("R² of the log-log fit", fit.rSquared(), "")
                .finding("mean error ratio for 4× the batch", fourTimes, "")
                .finding("σ (per-example gradient spread, √trace of covariance)", sigmaMean, "loss units")
                .finding("‖full gradient‖", fullNorm, "loss units")
                .finding("RMS error at n_b = 1", error[0], "loss units")
                .finding("RMS error at n_b = " + largest, error[sizes - 1], "loss units");
        results.series(SeriesCsv.write(context.directory(), "batch-noise",
                new String[] {"batch_size", "rms_error", "relative_error", "sigma_estimate", "predicted_sigma_over_sqrt_b"},
                batch, error, relative, sigma, predicted));
        results.plots(LinePlot.titled("Mini-batch gradient error against batch size (slope "
                        + String.format(Locale.ROOT, "%.3f", fit.slope()) + ")")
                .xAxis("batch size n_b (examples)")
                .yAxis("RMS error ‖g_B − g‖ (loss units)")
                .logX().logY()
                .points("measured (" + draws + " draws each)", batch, error)
                .line(String.format(Locale.ROOT, "fit: slope %.3f", fit.slope()), batch, fitted)
                .reference("σ/√n_b (theory, slope −1/2)", batch, predicted)
                .save(context.directory(), "batch-noise"));
        boolean supported = judge(fit.slope()) == Verdict.SUPPORTED;
        results.rule("Single measurement (the fit over 11 batch sizes with 100 draws each is its own"
                + " repetition): supported when the log-log slope of the RMS error of the mini-batch"
                + " gradient against n_b lies within 0.05 of −½, not supported otherwise.");
        results.verdict(supported, String.format(Locale.ROOT,
                "The measured slope is %.3f (R² %.4f), %s −0.5 ± %.2f; quadrupling the batch divides the error by"
                        + " %.2f on average (theory: 2).", fit.slope(), fit.rSquared(),
                supported ? "within" : "outside", SLOPE_TOLERANCE, 1 / fourTimes));
        return results;
    }
}
