package dev.descent.train;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.data.Dataset;
import dev.descent.loss.ClassificationLoss;
import dev.descent.loss.RegressionLoss;
import dev.descent.nn.Layer;
import dev.descent.optim.ParameterGroup;
import dev.descent.solver.DifferentiableFunction;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The regularised empirical risk of a model on a whole data set, as a function of its flat
 * parameter vector, for the full-batch solvers of {@code dev.descent.solver}:
 *
 * <pre>  f(w) = (1/n) Σᵢ L(h(xᵢ; w), yᵢ) + λ Σ_(penalised p) ‖p‖²</pre>
 *
 * The gradient is accumulated chunk by chunk (never one giant batch in memory): each chunk's
 * mean loss is back-propagated with weight (chunk size)/n, so the sum is the exact full
 * gradient. The model runs in evaluation mode, so f is deterministic, and is given back in
 * the mode it was in. The penalty has no ½ (the same λ as {@code LeastSquares.ridge(λ)}); an
 * optimizer's {@code weight_decay} is the gradient of ½λ‖w‖², so the same objective needs
 * {@code weight_decay = 2λ}.
 *
 * <p>The parameters are laid out in the order of {@link Layer#namedParameters()}, each
 * row-major. {@link #valueAndGradient} writes its argument into the model's parameters.
 */
public final class EmpiricalRisk implements DifferentiableFunction {

    /** The mean loss of rows [from, to) given the model's predictions for them. */
    private interface ChunkLoss {
        Variable of(Variable predictions, int from, int to);
    }

    private final Layer model;
    private final List<Variable> parameters;
    private final boolean[] penalised;
    private final double lambda;
    private final Tensor features;
    private final ChunkLoss chunkLoss;
    private final int rows;
    private final int chunkSize;
    private final int dimension;
    private final Tape tape = Tape.recycling();
    private Tensor chunk;
    private Tensor lastChunk;

    private EmpiricalRisk(Layer model, Tensor features, int chunkSize, ChunkLoss chunkLoss, double lambda,
                          String penalisedPattern) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be ≥ 1, got " + chunkSize);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("l2 penalty λ must be a finite number ≥ 0, got " + lambda);
        }
        this.model = model;
        Map<String, Variable> named = model.namedParameters();
        this.parameters = new ArrayList<>(named.values());
        this.penalised = new boolean[parameters.size()];
        ParameterGroup pattern = ParameterGroup.matching(penalisedPattern);
        int i = 0;
        int size = 0;
        for (Map.Entry<String, Variable> e : named.entrySet()) {
            penalised[i++] = pattern.matches(e.getKey());
            size += e.getValue().value().size();
        }
        this.dimension = size;
        this.lambda = lambda;
        this.features = features;
        this.rows = features.dim(0);
        this.chunkSize = Math.min(chunkSize, rows);
        this.chunkLoss = chunkLoss;
    }

    /** The mean classification loss over {@code data}, gradients in chunks of {@code chunkSize} rows. */
    public static EmpiricalRisk of(Layer model, ClassificationLoss loss, Dataset data, int chunkSize) {
        int[] labels = data.labels();
        int chunk = Math.max(1, Math.min(chunkSize, labels.length));
        int[] full = new int[chunk];
        int[] tail = new int[labels.length % chunk];
        return new EmpiricalRisk(model, data.features(), chunkSize, (predictions, from, to) -> {
            int[] buffer = to - from == chunk ? full : tail;
            System.arraycopy(labels, from, buffer, 0, buffer.length);
            return loss.compute(predictions, buffer);
        }, 0, "*");
    }

    /** The mean regression loss of predictions against {@code targets} ([n] or [n, k]). */
    public static EmpiricalRisk of(Layer model, RegressionLoss loss, Tensor features, Tensor targets, int chunkSize) {
        if (targets.dim(0) != features.dim(0)) {
            throw new IllegalArgumentException("regression: " + features.dim(0) + " rows of features but "
                    + targets.dim(0) + " targets");
        }
        int n = targets.dim(0);
        int width = targets.size() / n;
        int chunk = Math.max(1, Math.min(chunkSize, n));
        float[] full = new float[chunk * width];
        float[] tail = new float[(n % chunk) * width];
        return new EmpiricalRisk(model, features, chunkSize, (predictions, from, to) -> {
            float[] buffer = to - from == chunk ? full : tail;
            System.arraycopy(targets.data(), from * width, buffer, 0, buffer.length);
            return loss.compute(predictions, Tensor.wrap(buffer, predictions.value().shape()));
        }, 0, "*");
    }

    /** The same risk plus λ‖p‖² for every parameter whose name matches {@code pattern} (e.g. {@code *.weight}). */
    public EmpiricalRisk withL2(double newLambda, String pattern) {
        return new EmpiricalRisk(model, features, chunkSize, chunkLoss, newLambda, pattern);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /**
     * float32's ε = 2⁻²³: the model computes in float32 and {@link #setParameters} rounds x to
     * float32, so f and ∇f carry float32 rounding, not double's.
     */
    @Override
    public double relativePrecision() {
        return Math.ulp(1f);
    }

    /** The model's current parameters as one vector. */
    public double[] parameters() {
        double[] x = new double[dimension];
        int o = 0;
        for (Variable p : parameters) {
            float[] w = p.value().data();
            for (int i = 0; i < w.length; i++) {
                x[o++] = w[i];
            }
        }
        return x;
    }

    /** Writes {@code x} into the model's parameters. */
    public void setParameters(double[] x) {
        if (x.length != dimension) {
            throw new IllegalArgumentException("the model has " + dimension + " parameters, not " + x.length);
        }
        int o = 0;
        for (Variable p : parameters) {
            float[] w = p.value().data();
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) x[o++];
            }
        }
    }

    /**
     * f(x) and its gradient, written into {@code gradientOut}; leaves {@code x} in the model's
     * parameters. Runs in evaluation mode and restores the model's mode afterwards.
     */
    @Override
    public double valueAndGradient(double[] x, double[] gradientOut) {
        setParameters(x);
        boolean wasTraining = model.isTraining();
        model.eval();
        try {
            for (Variable p : parameters) {
                p.zeroGrad();
            }
            double value = 0;
            for (int from = 0; from < rows; from += chunkSize) {
                int to = Math.min(rows, from + chunkSize);
                tape.reset();
                Variable loss = chunkLoss.of(model.forward(tape.input(rowsOf(from, to))), from, to);
                double weight = (double) (to - from) / rows;
                value += weight * loss.item();
                loss.backward(Tensor.scalar((float) weight));
            }
            tape.reset();
            int o = 0;
            for (int k = 0; k < parameters.size(); k++) {
                Variable p = parameters.get(k);
                float[] w = p.value().data();
                Tensor grad = p.grad();
                for (int i = 0; i < w.length; i++, o++) {
                    double g = grad == null ? 0 : grad.data()[i];
                    if (penalised[k] && lambda > 0) {
                        value += lambda * (double) w[i] * w[i];
                        g += 2 * lambda * w[i];
                    }
                    gradientOut[o] = g;
                }
            }
            return value;
        } finally {
            model.setTraining(wasTraining);
        }
    }

    private Tensor rowsOf(int from, int to) {
        int n = to - from;
        int width = features.size() / rows;
        Tensor buffer = n == chunkSize ? (chunk != null ? chunk : (chunk = Tensor.zeros(n, width)))
                : (lastChunk != null && lastChunk.dim(0) == n ? lastChunk : (lastChunk = Tensor.zeros(n, width)));
        System.arraycopy(features.data(), from * width, buffer.data(), 0, n * width);
        return buffer;
    }
}
