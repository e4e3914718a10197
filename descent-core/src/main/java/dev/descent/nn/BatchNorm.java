package dev.descent.nn;

import dev.descent.autodiff.NormOps;
import dev.descent.autodiff.Variable;
import dev.descent.tensor.Tensor;

/**
 * Batch normalisation over the channel axis (Ioffe and Szegedy 2015), the common part of
 * {@link BatchNorm1d} and {@link BatchNorm2d}, with PyTorch's parameters, buffers, defaults
 * and modes:
 *
 * <ul>
 *   <li>parameters {@code weight} (γ, initially 1) and {@code bias} (β, initially 0) when
 *       affine;</li>
 *   <li>buffers {@code running_mean} (initially 0), {@code running_var} (initially 1) and
 *       {@code num_batches_tracked} (a count, saved as a float32 scalar; PyTorch loads it into
 *       its int64 buffer) when tracking running statistics;</li>
 *   <li>in training mode each batch is normalised with its own mean and biased variance, and
 *       the running statistics move by {@code momentum} (0.1) towards the batch's mean and
 *       unbiased variance; in evaluation mode the running statistics are used;</li>
 *   <li>{@code eps} (1e-5) is added to the variance under the square root.</li>
 * </ul>
 *
 * <p>Not supported: PyTorch's {@code momentum=None} (a cumulative average).
 */
public abstract class BatchNorm extends CompositeLayer {
    private final int features;
    private final float eps;
    private final float momentum;
    private final Variable weight;
    private final Variable bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor batchesTracked;

    BatchNorm(int features, float eps, float momentum, boolean affine, boolean trackRunningStats) {
        String name = getClass().getSimpleName();
        if (features <= 0) {
            throw new IllegalArgumentException(name + ": num_features must be positive, got " + features);
        }
        if (!(eps > 0) || Float.isInfinite(eps)) {
            throw new IllegalArgumentException(name + ": eps must be a finite number > 0, got " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(name + ": momentum must be in [0, 1], got " + momentum);
        }
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? registerParameter("weight", Variable.parameter(Tensor.filled(1f, features))) : null;
        this.bias = affine ? registerParameter("bias", Variable.parameter(Tensor.zeros(features))) : null;
        this.runningMean = trackRunningStats ? registerBuffer("running_mean", Tensor.zeros(features)) : null;
        this.runningVar = trackRunningStats ? registerBuffer("running_var", Tensor.filled(1f, features)) : null;
        this.batchesTracked = trackRunningStats ? registerBuffer("num_batches_tracked", Tensor.scalar(0f)) : null;
    }

    /** Checks the input's rank, naming the layer as PyTorch does ("expected 4D input (got 2D input)"). */
    abstract void checkInput(Tensor input);

    @Override
    public Variable forward(Variable input) {
        checkInput(input.value());
        if (input.value().dim(1) != features) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "(" + features + "): the input has "
                    + input.value().dim(1) + " channels (shape " + input.value().shape() + "), expected " + features);
        }
        if (isTraining() && batchesTracked != null) {
            batchesTracked.data()[0] += 1f;
        }
        return NormOps.batchNorm(input, weight, bias, runningMean, runningVar, isTraining(), momentum, eps);
    }

    public int numFeatures() {
        return features;
    }

    /** The running mean (live, updated in training), or null when running statistics are not tracked. */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance, or null when running statistics are not tracked. */
    public Tensor runningVar() {
        return runningVar;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + features + ", eps=" + eps + ", momentum=" + momentum
                + ", affine=" + (weight != null) + ", track_running_stats=" + (runningMean != null) + ")";
    }
}
