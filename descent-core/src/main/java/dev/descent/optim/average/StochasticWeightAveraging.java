package dev.descent.optim.average;

/**
 * Stochastic weight averaging (SWA): the equal-weight mean of every {@code frequency}-th
 * iterate from the first after {@code start} updates on, usually the last iterate of each epoch (or of
 * each cycle of a cyclic rate) while the rate is held constant or cycles, so that the averaged
 * points spread across a wide, flat region of the loss and their mean sits near its centre.
 *
 * <pre>
 *   averaged: the iterates after updates start + 1, start + 1 + f, start + 1 + 2f, …
 *   θ̄_n = θ̄_(n−1) + (θ − θ̄_(n−1))/n
 * </pre>
 *
 * Reference: P. Izmailov, D. Podoprikhin, T. Garipov, D. Vetrov, A. G. Wilson, "Averaging
 * Weights Leads to Wider Optima and Better Generalization", UAI 2018. PyTorch:
 * {@code torch.optim.swa_utils.AveragedModel} whose {@code update_parameters(model)} is called
 * at the end of each epoch from the SWA start on (often with {@code SWALR}, a constant rate);
 * {@link #atEpochEnds} gives that form in steps. With frequency 1 it is {@link PolyakAveraging}.
 *
 * @param start the updates before averaging begins, ≥ 0: the first averaged iterate is the one
 *     after update {@code start + 1}, as for {@link PolyakAveraging}
 * @param frequency f ≥ 1, the updates between two averaged iterates
 */
public record StochasticWeightAveraging(long start, long frequency) implements AveragingRule {

    public StochasticWeightAveraging {
        AveragingRule.requireStart(start);
        if (frequency < 1) {
            throw new IllegalArgumentException("frequency must be an integer ≥ 1 (the updates between two averaged"
                    + " iterates), got " + frequency);
        }
    }

    /**
     * The last iterate of epochs {@code startEpoch}, {@code startEpoch + everyEpochs}, … of
     * {@code stepsPerEpoch} updates each (epochs 1-based): {@code start = startEpoch·stepsPerEpoch − 1},
     * {@code frequency = everyEpochs·stepsPerEpoch}.
     */
    public static StochasticWeightAveraging atEpochEnds(int startEpoch, int everyEpochs, long stepsPerEpoch) {
        if (startEpoch < 1) {
            throw new IllegalArgumentException("startEpoch must be an integer ≥ 1 (the first epoch whose last iterate"
                    + " is averaged), got " + startEpoch);
        }
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("everyEpochs must be an integer ≥ 1, got " + everyEpochs);
        }
        if (stepsPerEpoch < 1) {
            throw new IllegalArgumentException("stepsPerEpoch must be an integer ≥ 1, got " + stepsPerEpoch);
        }
        return new StochasticWeightAveraging(Math.multiplyExact((long) startEpoch, stepsPerEpoch) - 1,
                Math.multiplyExact((long) everyEpochs, stepsPerEpoch));
    }

    @Override
    public boolean includes(long step) {
        return step > start && (step - start - 1) % frequency == 0;
    }

    @Override
    public double weight(long n) {
        return 1.0 / n;
    }

    @Override
    public long averagedUpTo(long step) {
        return step <= start ? 0 : (step - start - 1) / frequency + 1;
    }

    @Override
    public String toString() {
        return "StochasticWeightAveraging(start=" + start + ", frequency=" + frequency + ")";
    }
}
