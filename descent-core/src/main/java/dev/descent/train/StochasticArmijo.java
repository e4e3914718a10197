package dev.descent.train;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.loss.ClassificationLoss;
import dev.descent.nn.Layer;
import dev.descent.tensor.Tensor;
import java.util.List;

/**
 * SGD whose step size is found on each mini-batch by a backtracking Armijo line search
 * (Vaswani et al. 2019, "Painless Stochastic Gradient"): with the batch loss f_B and its
 * gradient g at w,
 *
 * <pre>
 *   η ← min(η_prev · growth, η_max)
 *   while f_B(w − η·g) &gt; f_B(w) − c·η·‖g‖²:   η ← shrink · η
 *   w ← w − η·g
 * </pre>
 *
 * No learning rate to tune: the search adapts η to the local curvature of each batch. Each
 * trial costs one forward pass on the batch (no backward). Growth above 1 lets η recover after
 * a cautious step.
 *
 * @param maxStep η_max, the largest step tried
 * @param sufficientDecrease c in (0, 1)
 * @param shrink the backtracking factor in (0, 1)
 * @param growth the factor η grows by before each search (≥ 1)
 * @param maxTrials the most trials per batch before the smallest step is taken anyway
 */
public record StochasticArmijo(double maxStep, double sufficientDecrease, double shrink, double growth, int maxTrials) {

    public StochasticArmijo {
        if (!(maxStep > 0) || Double.isInfinite(maxStep)) {
            throw new IllegalArgumentException("maxStep must be a finite number > 0, got " + maxStep);
        }
        if (!(sufficientDecrease > 0 && sufficientDecrease < 1)) {
            throw new IllegalArgumentException("sufficient decrease c must be in (0, 1), got " + sufficientDecrease);
        }
        if (!(shrink > 0 && shrink < 1)) {
            throw new IllegalArgumentException("shrink must be in (0, 1), got " + shrink);
        }
        if (!(growth >= 1) || Double.isInfinite(growth)) {
            throw new IllegalArgumentException("growth must be a finite number ≥ 1, got " + growth);
        }
        if (maxTrials < 1) {
            throw new IllegalArgumentException("maxTrials must be ≥ 1, got " + maxTrials);
        }
    }

    /** The paper's defaults: η_max 1, c 0.1, shrink 0.5, growth 2^(1/100) per batch, 30 trials. */
    public static StochasticArmijo defaults() {
        return new StochasticArmijo(1.0, 0.1, 0.5, Math.pow(2, 0.01), 30);
    }

    /** A stepper for one model and loss; it keeps η between batches. */
    public Stepper stepper(Layer model, ClassificationLoss loss) {
        return new Stepper(this, model, loss);
    }

    /** Runs the line-searched steps; allocates its buffers once. */
    public static final class Stepper {
        private final StochasticArmijo settings;
        private final Layer model;
        private final ClassificationLoss loss;
        private final List<Variable> parameters;
        private final float[][] start;
        private final Tape tape = Tape.recycling();
        private final Tape probe = Tape.noGrad();
        private double step;
        private int lastTrials;

        Stepper(StochasticArmijo settings, Layer model, ClassificationLoss loss) {
            this.settings = settings;
            this.model = model;
            this.loss = loss;
            this.parameters = model.parameters();
            this.start = new float[parameters.size()][];
            for (int i = 0; i < start.length; i++) {
                start[i] = new float[parameters.get(i).value().size()];
            }
            this.step = settings.maxStep();
        }

        /** One line-searched update on a batch; returns the batch loss before it. */
        public float step(Tensor features, int[] labels) {
            tape.reset();
            Variable batchLoss = loss.compute(model.forward(tape.input(features)), labels);
            float before = batchLoss.item();
            for (Variable p : parameters) {
                p.zeroGrad();
            }
            batchLoss.backward();
            double squaredNorm = 0;
            for (int i = 0; i < start.length; i++) {
                float[] w = parameters.get(i).value().data();
                System.arraycopy(w, 0, start[i], 0, w.length);
                for (float g : parameters.get(i).grad().data()) {
                    squaredNorm += (double) g * g;
                }
            }
            step = Math.min(step * settings.growth(), settings.maxStep());
            lastTrials = 0;
            while (true) {
                lastTrials++;
                moveTo(step);
                probe.reset();
                float after = loss.compute(model.forward(probe.input(features)), labels).item();
                boolean sufficient = after <= before - settings.sufficientDecrease() * step * squaredNorm;
                if (sufficient || lastTrials >= settings.maxTrials()) {
                    return before;
                }
                step *= settings.shrink();
            }
        }

        /** w = w_start − η·g for every parameter. */
        private void moveTo(double eta) {
            float rate = (float) eta;
            for (int i = 0; i < start.length; i++) {
                float[] w = parameters.get(i).value().data();
                float[] g = parameters.get(i).grad().data();
                float[] w0 = start[i];
                for (int j = 0; j < w.length; j++) {
                    w[j] = w0[j] - rate * g[j];
                }
            }
        }

        /** The step size the last update took. */
        public double lastStep() {
            return step;
        }

        /** Loss evaluations the last line search needed. */
        public int lastTrials() {
            return lastTrials;
        }
    }
}
