package dev.descent.schedule;

import java.util.Arrays;
import java.util.List;

/**
 * Multi-step decay: the rate is multiplied by γ at each milestone.
 *
 * <pre>
 *   α_t = α₀·γ^k,   k = the number of milestones m_i ≤ t
 * </pre>
 *
 * The classic ImageNet/CIFAR recipe (e.g. ÷10 at 50 % and 75 % of training; K. He et al.,
 * "Deep Residual Learning for Image Recognition", CVPR 2016). PyTorch:
 * {@code MultiStepLR(milestones, gamma)}, which also counts milestones ≤ t
 * ({@code bisect_right}). Unlike PyTorch, milestones must be strictly increasing (PyTorch
 * applies γ twice for a repeated milestone).
 *
 * <pre>{@code
 * new MultiStepDecay(0.1, 0.1, List.of(30_000L, 45_000L)) // or MultiStepDecay.of(0.1, 0.1, 30_000, 45_000)
 * }</pre>
 *
 * @param initial α₀, the rate of the first update
 * @param factor γ in (0, 1]
 * @param milestones the steps at which the rate drops: strictly increasing, each ≥ 1
 */
public record MultiStepDecay(double initial, double factor, List<Long> milestones) implements LearningRateSchedule {

    public MultiStepDecay {
        ScheduleArguments.requireRate("MultiStepDecay", "initial", initial);
        ScheduleArguments.requireDecayFactor("MultiStepDecay", "factor", factor);
        milestones = List.copyOf(ScheduleArguments.requireNonNull("MultiStepDecay", "milestones", milestones));
        requireIncreasing("MultiStepDecay", milestones);
    }

    /** Throws unless the milestones are strictly increasing steps ≥ 1. */
    static void requireIncreasing(String owner, List<Long> milestones) {
        long previous = 0;
        for (long milestone : milestones) {
            if (milestone <= previous) {
                throw ScheduleArguments.invalid(owner, "milestones", milestones,
                        "strictly increasing steps ≥ 1 (" + milestone + " is not)");
            }
            previous = milestone;
        }
    }

    /** {@code new MultiStepDecay(initial, factor, List.of(milestones…))}. */
    public static MultiStepDecay of(double initial, double factor, long... milestones) {
        return new MultiStepDecay(initial, factor, Arrays.stream(milestones).boxed().toList());
    }

    @Override
    public double valueAt(long step) {
        return initial * Math.pow(factor, passed(step));
    }

    /** The number of milestones ≤ step, by bisection; written out so that the step is not boxed. */
    private int passed(long step) {
        int low = 0;
        int high = milestones.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (milestones.get(middle) <= step) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    @Override
    public String toString() {
        return "multiStep(" + initial + " × " + factor + " at " + milestones + ")";
    }
}
