package dev.descent.optim.average;

/**
 * An exponential moving average of the iterates: each update keeps the fraction β (the
 * {@code decay}) of the average and mixes in 1 − β of the new iterate, so recent iterates weigh
 * most and an iterate's weight halves every ln 2/(1 − β) updates (about 693 for β = 0.999).
 *
 * <pre>
 *   θ̄_1 = θ_1;   θ̄_n = β·θ̄_(n−1) + (1 − β)·θ_n                  (default)
 *   θ̄_n = θ̄_(n−1) + (1 − β)/(1 − βⁿ)·(θ_n − θ̄_(n−1))           (biasCorrection)
 * </pre>
 *
 * The default is PyTorch's {@code AveragedModel(model, multi_avg_fn=get_ema_multi_avg_fn(β))}:
 * the first averaged iterate is copied, then the decay is constant (timm's {@code ModelEmaV2}
 * is the same but starts from the weights before training). Its first iterates weigh heavily
 * for a long time (θ_1 still has weight β^(n−1), 0.90 after 100 updates at β = 0.999), so in a
 * run of fewer than about 1/(1 − β) updates the average stays near its start. With
 * {@code biasCorrection} the average is Adam's bias-corrected one, m_n/(1 − βⁿ) with
 * m_n = β·m_(n−1) + (1 − β)·θ_n and m_0 = 0: the weights of θ_1 … θ_n sum to one from the start,
 * so early on it is close to the running mean of the iterates and later becomes the plain EMA
 * (in effect timm's {@code ModelEmaV3} warm-up). Neither form changes θ_1's copy: w_1 = 1.
 *
 * <p>References: D. P. Kingma, J. Ba, "Adam", ICLR 2015 (bias correction); PyTorch
 * {@code torch.optim.swa_utils}.
 *
 * @param decay β, in (0, 1): the fraction of the average kept per update
 * @param start the updates before averaging begins, ≥ 0
 * @param biasCorrection whether the average is bias-corrected (see above)
 */
public record ExponentialMovingAverage(double decay, long start, boolean biasCorrection) implements AveragingRule {

    public ExponentialMovingAverage {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in (0, 1) (the fraction of the average kept per update,"
                    + " e.g. 0.999), got " + decay);
        }
        AveragingRule.requireStart(start);
    }

    /** PyTorch's EMA of every iterate: the first copied, then decay {@code decay}. */
    public ExponentialMovingAverage(double decay) {
        this(decay, 0, false);
    }

    public ExponentialMovingAverage withStart(long value) {
        return new ExponentialMovingAverage(decay, value, biasCorrection);
    }

    public ExponentialMovingAverage withBiasCorrection(boolean value) {
        return new ExponentialMovingAverage(decay, start, value);
    }

    @Override
    public boolean includes(long step) {
        return step > start;
    }

    @Override
    public double weight(long n) {
        if (n <= 1) {
            return 1;
        }
        return biasCorrection ? (1 - decay) / (1 - power(decay, n)) : 1 - decay;
    }

    /**
     * βⁿ by repeated squaring: plain multiplications give the same bits on every JVM (Math.pow
     * may differ by an ulp between platforms) and allocate nothing (StrictMath.pow does on JDK 17).
     */
    private static double power(double base, long n) {
        double result = 1;
        double square = base;
        for (long e = n; e > 0; e >>= 1) {
            if ((e & 1) != 0) {
                result *= square;
            }
            square *= square;
        }
        return result;
    }

    @Override
    public long averagedUpTo(long step) {
        return Math.max(0, step - start);
    }

    @Override
    public String toString() {
        return "ExponentialMovingAverage(decay=" + decay + ", start=" + start + ", bias_correction=" + biasCorrection
                + ")";
    }
}
