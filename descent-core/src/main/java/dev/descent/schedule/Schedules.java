package dev.descent.schedule;

import java.util.List;
import java.util.function.LongToDoubleFunction;

/**
 * PyTorch's learning-rate schedulers by their names, with their argument order and defaults
 * ({@code torch.optim.lr_scheduler}). Each returns a {@link ScheduleShape}: it has no rate of its
 * own and scales the optimizer's {@code lr} (and each parameter group's), as PyTorch's
 * schedulers do, so the rate is stated once.
 *
 * <pre>{@code
 * Optimizer sgd = new Sgd(0.1).withMomentum(0.9).builder()
 *         .schedule(Schedules.stepLR(30).perEpoch(390))   // PyTorch: StepLR(sgd, step_size=30), stepped per epoch
 *         .build(model.namedParameters());
 * }</pre>
 *
 * Steps count optimizer updates; {@link ScheduleShape#perEpoch} turns a shape written over
 * epochs into one over updates. Below, α₀ is the base rate (the optimizer's lr) and t the
 * update, from 0. Where Descent differs from PyTorch: decay factors must be in (0, 1];
 * {@code cosineAnnealingLR} stays at {@code etaMin} after {@code tMax} (PyTorch follows the
 * cosine back up); {@code oneCycleLR} peaks at the optimizer's lr (PyTorch's {@code max_lr}, see
 * there).
 */
public final class Schedules {

    private Schedules() {}

    /** PyTorch's default {@code start_factor} of {@code LinearLR} and {@code factor} of {@code ConstantLR}. */
    private static final double DEFAULT_FACTOR = 1.0 / 3;
    /** PyTorch's default {@code total_iters} of {@code LinearLR}, {@code ConstantLR} and {@code PolynomialLR}. */
    private static final long DEFAULT_TOTAL_ITERS = 5;
    /** PyTorch's default {@code gamma} of {@code StepLR} and {@code MultiStepLR}. */
    private static final double DEFAULT_GAMMA = 0.1;

    /** {@code stepLR(stepSize, 0.1)}. */
    public static ScheduleShape stepLR(long stepSize) {
        return stepLR(stepSize, DEFAULT_GAMMA);
    }

    /**
     * α₀·γ^⌊t / stepSize⌋, PyTorch's {@code StepLR(step_size, gamma=0.1)}.
     *
     * @param stepSize ≥ 1, the steps between drops
     * @param gamma γ in (0, 1]
     * @see StepDecay
     */
    public static ScheduleShape stepLR(long stepSize, double gamma) {
        ScheduleArguments.requireAtLeast("stepLR", "stepSize", stepSize, 1);
        ScheduleArguments.requireDecayFactor("stepLR", "gamma", gamma);
        return new ScheduleShape("stepLR(stepSize=" + stepSize + ", gamma=" + gamma + ")",
                lr -> new StepDecay(lr, gamma, stepSize));
    }

    /** {@code multiStepLR(milestones, 0.1)}. */
    public static ScheduleShape multiStepLR(List<? extends Number> milestones) {
        return multiStepLR(milestones, DEFAULT_GAMMA);
    }

    /**
     * α₀·γ^k with k the number of milestones ≤ t, PyTorch's {@code MultiStepLR(milestones, gamma=0.1)}.
     *
     * @param milestones whole steps, strictly increasing, each ≥ 1 (e.g. {@code List.of(30, 80)})
     * @param gamma γ in (0, 1]
     * @see MultiStepDecay
     */
    public static ScheduleShape multiStepLR(List<? extends Number> milestones, double gamma) {
        List<Long> steps = wholeSteps("multiStepLR", "milestones", milestones);
        ScheduleArguments.requireDecayFactor("multiStepLR", "gamma", gamma);
        MultiStepDecay.requireIncreasing("multiStepLR", steps);
        return new ScheduleShape("multiStepLR(milestones=" + steps + ", gamma=" + gamma + ")",
                lr -> new MultiStepDecay(lr, gamma, steps));
    }

    /**
     * α₀·γ^t, PyTorch's {@code ExponentialLR(gamma)}.
     *
     * @param gamma γ in (0, 1], the factor per step
     * @see ExponentialDecay#withFactor
     */
    public static ScheduleShape exponentialLR(double gamma) {
        ScheduleArguments.requireDecayFactor("exponentialLR", "gamma", gamma);
        return new ScheduleShape("exponentialLR(gamma=" + gamma + ")", lr -> ExponentialDecay.withFactor(lr, gamma));
    }

    /** {@code cosineAnnealingLR(tMax, 0)}: down to 0. */
    public static ScheduleShape cosineAnnealingLR(long tMax) {
        return cosineAnnealingLR(tMax, 0);
    }

    /**
     * η_min + ½·(α₀ − η_min)·(1 + cos(π·t/T_max)) for t ≤ T_max, then η_min; PyTorch's
     * {@code CosineAnnealingLR(T_max, eta_min=0)}. As in PyTorch, η_min is a rate, the same for
     * every parameter group.
     *
     * @param tMax T_max ≥ 1
     * @param etaMin η_min ≥ 0, at most the optimizer's lr
     * @see CosineAnnealing
     */
    public static ScheduleShape cosineAnnealingLR(long tMax, double etaMin) {
        ScheduleArguments.requireAtLeast("cosineAnnealingLR", "tMax", tMax, 1);
        ScheduleArguments.requireNonNegative("cosineAnnealingLR", "etaMin", etaMin);
        return new ScheduleShape("cosineAnnealingLR(tMax=" + tMax + ", etaMin=" + etaMin + ")",
                lr -> new CosineAnnealing(lr, etaMin, tMax));
    }

    /** {@code linearLR(1/3, 1, 5)}: PyTorch's defaults, a warm-up from a third of the rate over 5 steps. */
    public static ScheduleShape linearLR() {
        return linearLR(DEFAULT_FACTOR, 1, DEFAULT_TOTAL_ITERS);
    }

    /**
     * α₀·(s + (e − s)·min(t, T)/T), PyTorch's
     * {@code LinearLR(start_factor=1/3, end_factor=1, total_iters=5)}: a warm-up when s &lt; e, a
     * decay when s &gt; e.
     *
     * @param startFactor s in (0, 1]
     * @param endFactor e in [0, 1]
     * @param totalIters T ≥ 1
     */
    public static ScheduleShape linearLR(double startFactor, double endFactor, long totalIters) {
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw ScheduleArguments.invalid("linearLR", "startFactor", startFactor, "in (0, 1]");
        }
        requireClosedUnitInterval("linearLR", "endFactor", endFactor);
        ScheduleArguments.requireAtLeast("linearLR", "totalIters", totalIters, 1);
        String formula = "linearLR(startFactor=" + startFactor + ", endFactor=" + endFactor + ", totalIters="
                + totalIters + ")";
        return factorShape(formula, t -> Interpolation.between(startFactor, endFactor, (double) t / totalIters));
    }

    /** {@code constantLR(1/3, 5)}: PyTorch's defaults. */
    public static ScheduleShape constantLR() {
        return constantLR(DEFAULT_FACTOR, DEFAULT_TOTAL_ITERS);
    }

    /**
     * α₀·factor for t &lt; T, then α₀; PyTorch's {@code ConstantLR(factor=1/3, total_iters=5)}.
     *
     * @param factor in [0, 1]
     * @param totalIters T ≥ 1
     */
    public static ScheduleShape constantLR(double factor, long totalIters) {
        requireClosedUnitInterval("constantLR", "factor", factor);
        ScheduleArguments.requireAtLeast("constantLR", "totalIters", totalIters, 1);
        return factorShape("constantLR(factor=" + factor + ", totalIters=" + totalIters + ")",
                t -> t < totalIters ? factor : 1);
    }

    /** {@code polynomialLR(5, 1)}: PyTorch's defaults. */
    public static ScheduleShape polynomialLR() {
        return polynomialLR(DEFAULT_TOTAL_ITERS, 1);
    }

    /**
     * α₀·(1 − min(t, T)/T)^p, PyTorch's {@code PolynomialLR(total_iters=5, power=1)}.
     *
     * @param totalIters T ≥ 1
     * @param power p, a finite number &gt; 0
     * @see PolynomialDecay
     */
    public static ScheduleShape polynomialLR(long totalIters, double power) {
        ScheduleArguments.requireAtLeast("polynomialLR", "totalIters", totalIters, 1);
        if (!(power > 0) || Double.isInfinite(power)) {
            throw ScheduleArguments.invalid("polynomialLR", "power", power, "a finite number > 0");
        }
        return new ScheduleShape("polynomialLR(totalIters=" + totalIters + ", power=" + power + ")",
                lr -> new PolynomialDecay(lr, totalIters, power));
    }

    /** {@code oneCycleLR(totalSteps, 0.3, COSINE, 25, 10⁴)}: PyTorch's defaults. */
    public static ScheduleShape oneCycleLR(long totalSteps) {
        return oneCycleLR(totalSteps, OneCycle.DEFAULT_WARMUP_FRACTION, OneCycle.Annealing.COSINE,
                OneCycle.DEFAULT_INITIAL_DIVISOR, OneCycle.DEFAULT_FINAL_DIVISOR);
    }

    /**
     * Up from α₀/d to α₀ and down to α₀/(d·d_final), PyTorch's {@code OneCycleLR(max_lr,
     * total_steps, pct_start=0.3, anneal_strategy='cos', div_factor=25, final_div_factor=1e4)}
     * with {@code max_lr} = the optimizer's lr. (PyTorch ignores the lr the optimizer was given
     * and takes {@code max_lr} instead; here the optimizer's lr is the one statement of the peak.)
     *
     * @param totalSteps T ≥ 2
     * @param pctStart p in (0, 1) with p·T &gt; 1, the share of the cycle spent rising
     * @param annealStrategy the shape of both phases
     * @param divFactor d ≥ 1
     * @param finalDivFactor d_final ≥ 1
     * @see OneCycle
     */
    public static ScheduleShape oneCycleLR(long totalSteps, double pctStart, OneCycle.Annealing annealStrategy,
                                           double divFactor, double finalDivFactor) {
        ScheduleArguments.requireAtLeast("oneCycleLR", "totalSteps", totalSteps, 2);
        if (!(pctStart > 0 && pctStart < 1 && pctStart * totalSteps > 1)) {
            throw ScheduleArguments.invalid("oneCycleLR", "pctStart", pctStart,
                    "in (0, 1) with pctStart·totalSteps > 1 (the peak step, pctStart·totalSteps − 1, must be > 0)");
        }
        ScheduleArguments.requireNonNull("oneCycleLR", "annealStrategy", annealStrategy);
        requireDivisor("oneCycleLR", "divFactor", divFactor);
        requireDivisor("oneCycleLR", "finalDivFactor", finalDivFactor);
        return new ScheduleShape("oneCycleLR(totalSteps=" + totalSteps + ", pctStart=" + pctStart + ", annealStrategy="
                + annealStrategy + ", divFactor=" + divFactor + ", finalDivFactor=" + finalDivFactor + ")",
                lr -> new OneCycle(lr, totalSteps, pctStart, annealStrategy, divFactor, finalDivFactor));
    }

    /** {@code cosineAnnealingWarmRestarts(t0, 1, 0)}: periods of t0 steps, down to 0. */
    public static ScheduleShape cosineAnnealingWarmRestarts(long t0) {
        return cosineAnnealingWarmRestarts(t0, 1, 0);
    }

    /** {@code cosineAnnealingWarmRestarts(t0, tMult, 0)}. */
    public static ScheduleShape cosineAnnealingWarmRestarts(long t0, int tMult) {
        return cosineAnnealingWarmRestarts(t0, tMult, 0);
    }

    /**
     * Cosine from α₀ towards η_min, restarted after T_0, T_0·T_mult, T_0·T_mult², … steps;
     * PyTorch's {@code CosineAnnealingWarmRestarts(T_0, T_mult=1, eta_min=0)} stepped once per update.
     *
     * @param t0 T_0 ≥ 1
     * @param tMult T_mult ≥ 1
     * @param etaMin η_min ≥ 0, at most the optimizer's lr
     * @see CosineAnnealingWarmRestarts
     */
    public static ScheduleShape cosineAnnealingWarmRestarts(long t0, int tMult, double etaMin) {
        ScheduleArguments.requireAtLeast("cosineAnnealingWarmRestarts", "t0", t0, 1);
        ScheduleArguments.requireAtLeast("cosineAnnealingWarmRestarts", "tMult", tMult, 1);
        ScheduleArguments.requireNonNegative("cosineAnnealingWarmRestarts", "etaMin", etaMin);
        return new ScheduleShape("cosineAnnealingWarmRestarts(t0=" + t0 + ", tMult=" + tMult + ", etaMin=" + etaMin
                + ")", lr -> new CosineAnnealingWarmRestarts(lr, etaMin, t0, tMult));
    }

    /**
     * α₀·f(t), PyTorch's {@code LambdaLR(lr_lambda)}: any schedule stated as a factor of the
     * optimizer's lr, e.g. inverse time, {@code lambdaLR(t -> 1 / (1 + 1e-3 * t))}. f is called
     * at every update: it should not allocate.
     *
     * @param lrLambda f, giving a finite factor ≥ 0 (the optimizer checks every rate)
     */
    public static ScheduleShape lambdaLR(LongToDoubleFunction lrLambda) {
        ScheduleArguments.requireNonNull("lambdaLR", "lrLambda", lrLambda);
        return factorShape("lambdaLR(f)", lrLambda);
    }

    /**
     * {@code first} for steps 0 … milestone − 1, then {@code second}, counting from 0 at the
     * milestone; both scale the optimizer's lr. PyTorch's {@code SequentialLR([first, second],
     * milestones=[milestone])}; a warm-up then cosine over 10 000 steps:
     * {@code sequentialLR(linearLR(0.1, 1, 1_000), 1_000, cosineAnnealingLR(9_000))}. Nest for more parts.
     *
     * @see Sequence
     */
    public static ScheduleShape sequentialLR(ScheduleShape first, long milestone, ScheduleShape second) {
        ScheduleArguments.requireNonNull("sequentialLR", "first", first);
        ScheduleArguments.requireAtLeast("sequentialLR", "milestone", milestone, 0);
        ScheduleArguments.requireNonNull("sequentialLR", "second", second);
        return new ScheduleShape("sequentialLR(" + first + ", milestone=" + milestone + ", " + second + ")",
                lr -> LearningRateSchedule.join(first.of(lr), milestone, second.of(lr)));
    }

    private static ScheduleShape factorShape(String formula, LongToDoubleFunction factor) {
        return new ScheduleShape(formula, lr -> new FactorSchedule(lr, factor, formula));
    }

    private static void requireDivisor(String owner, String field, double value) {
        if (!(value >= 1) || Double.isInfinite(value)) {
            throw ScheduleArguments.invalid(owner, field, value, "a finite number ≥ 1");
        }
    }

    private static void requireClosedUnitInterval(String owner, String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw ScheduleArguments.invalid(owner, field, value, "in [0, 1]");
        }
    }

    /** The milestones as steps, refusing fractions, so that {@code List.of(30, 80)} can be given as is. */
    private static List<Long> wholeSteps(String owner, String field, List<? extends Number> values) {
        ScheduleArguments.requireNonNull(owner, field, values);
        return values.stream().map(value -> {
            ScheduleArguments.requireNonNull(owner, field + " element", value);
            long step = value.longValue();
            if (step != value.doubleValue()) {
                throw ScheduleArguments.invalid(owner, field, values, "whole steps (" + value + " is not)");
            }
            return step;
        }).toList();
    }
}
