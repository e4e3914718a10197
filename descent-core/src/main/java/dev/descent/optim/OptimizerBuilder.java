package dev.descent.optim;

import dev.descent.autodiff.Variable;
import dev.descent.optim.rule.ClipByValue;
import dev.descent.optim.rule.ScaleByLearningRate;
import dev.descent.optim.rule.UpdateRule;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.schedule.ScheduleShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Assembles an {@link Optimizer} from a named optimizer's config and what surrounds it: a
 * learning-rate schedule, parameter groups, regularisers, gradient clipping and gradient
 * accumulation. The builder is immutable: each method returns a new one.
 *
 * <pre>{@code
 * Optimizer adamw = new AdamW().withLr(1e-3).builder()
 *         .schedule(Schedules.linearLR(1, 0.01, 10_000))    // 1e-3 down to 1e-5
 *         .group(ParameterGroup.matching("*.bias").weightDecay(0))
 *         .clipGradNorm(1.0)
 *         .build(model.namedParameters());
 * }</pre>
 */
public final class OptimizerBuilder {
    /** How close a schedule's base rate must be to the optimizer's lr: equal but for rounding. */
    private static final double SAME_RATE = 1e-12;

    private final OptimizerConfig config;
    private final Rates rates;
    private final List<ParameterGroup> groups;
    private final List<Scoped> regularizers;
    private final double maxGradNorm;
    private final double clipValue;
    private final int accumulationSteps;

    private record Scoped(Regularizer regularizer, String pattern) {
    }

    /**
     * Where the rates come from: a schedule stated for the config's lr, or a shape that every
     * lr (the config's, a group's) anchors.
     */
    private record Rates(LearningRateSchedule schedule, ScheduleShape shape) {

        /** The schedule of the parameters whose lr is {@code lr}, the config's being {@code configLr}. */
        LearningRateSchedule forLr(double lr, double configLr) {
            if (shape != null) {
                return shape.of(lr); // as PyTorch: the scheduler's formula on the group's own lr
            }
            return lr == configLr ? schedule : schedule.scaledBy(lr / configLr);
        }
    }

    OptimizerBuilder(OptimizerConfig config) {
        this(requireConsistent(config), new Rates(LearningRateSchedule.constant(config.lr()), null), List.of(),
                List.of(), 0, 0, 1);
    }

    private static OptimizerConfig requireConsistent(OptimizerConfig config) {
        config.requireConsistent();
        return config;
    }

    private OptimizerBuilder(OptimizerConfig config, Rates rates, List<ParameterGroup> groups,
                             List<Scoped> regularizers, double maxGradNorm, double clipValue, int accumulationSteps) {
        this.config = config;
        this.rates = rates;
        this.groups = List.copyOf(groups);
        this.regularizers = List.copyOf(regularizers);
        this.maxGradNorm = maxGradNorm;
        this.clipValue = clipValue;
        this.accumulationSteps = accumulationSteps;
    }

    /**
     * The learning rate of each update, a schedule that scales the config's {@code lr}: PyTorch's
     * way, and the one that states the rate once. A parameter group with its own {@code lr} gets
     * the shape anchored at that lr ({@code shape.of(groupLr)}), as PyTorch applies a scheduler to
     * each group's rate; an absolute floor such as {@code etaMin} stays the same for every group.
     *
     * <pre>{@code new Adam().withLr(0.5).builder().schedule(Schedules.cosineAnnealingLR(10_000))}</pre>
     *
     * @param shape a schedule without a rate, from {@link dev.descent.schedule.Schedules}
     * @throws IllegalArgumentException if the shape does not suit the lr (an {@code etaMin} above it)
     */
    public OptimizerBuilder schedule(ScheduleShape shape) {
        Objects.requireNonNull(shape, "schedule shape");
        Rates anchored = new Rates(null, shape);
        anchored.forLr(config.lr(), config.lr()); // an lr the shape refuses fails here rather than at build
        return new OptimizerBuilder(config, anchored, groups, regularizers, maxGradNorm, clipValue, accumulationSteps);
    }

    /**
     * The learning rate of each update, a schedule with its own rates, replacing the config's
     * constant {@code lr}. It must be stated for that lr: its
     * {@link LearningRateSchedule#baseRate()} (the rate it starts from, or a one-cycle's peak, or
     * the rate after a warm-up) must equal the config's {@code lr} up to rounding; otherwise one of
     * the two would be silently ignored. A parameter group with its own {@code lr} runs at the
     * schedule times group lr / config lr.
     *
     * @throws IllegalArgumentException if the schedule's base rate is not the config's lr, naming
     *     both rates and the two ways to state the rate once
     */
    public OptimizerBuilder schedule(LearningRateSchedule schedule) {
        Objects.requireNonNull(schedule, "schedule");
        double stated = schedule.baseRate();
        double lr = config.lr();
        if (!(Math.abs(stated - lr) <= SAME_RATE * lr)) {
            throw new IllegalArgumentException(config + ": the schedule " + schedule + " is stated for lr " + stated
                    + " but the optimizer's lr is " + lr + ". State the rate once: give the optimizer lr " + stated
                    + " (e.g. withLr(" + stated + ")), or give a schedule without a rate, which scales the optimizer's"
                    + " lr as PyTorch's schedulers do (dev.descent.schedule.Schedules, e.g."
                    + " Schedules.cosineAnnealingLR(tMax))");
        }
        return new OptimizerBuilder(config, new Rates(schedule, null), groups, regularizers, maxGradNorm, clipValue,
                accumulationSteps);
    }

    /** Adds a parameter group; groups are matched in the order they are added. */
    public OptimizerBuilder group(ParameterGroup group) {
        List<ParameterGroup> more = new ArrayList<>(groups);
        more.add(group);
        return new OptimizerBuilder(config, rates, more, regularizers, maxGradNorm, clipValue, accumulationSteps);
    }

    /** Adds a penalty on every parameter. */
    public OptimizerBuilder regularize(Regularizer regularizer) {
        return regularize(regularizer, "*");
    }

    /** Adds a penalty on the parameters whose names match the glob {@code pattern}. */
    public OptimizerBuilder regularize(Regularizer regularizer, String pattern) {
        ParameterGroup.matching(pattern); // validates the pattern
        List<Scoped> more = new ArrayList<>(regularizers);
        more.add(new Scoped(regularizer, pattern));
        return new OptimizerBuilder(config, rates, groups, more, maxGradNorm, clipValue, accumulationSteps);
    }

    /**
     * Rescales the gradients so that their global L2 norm (over all parameters) is at most
     * {@code maxNorm}, as PyTorch's {@code clip_grad_norm_}.
     */
    public OptimizerBuilder clipGradNorm(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("max_norm must be a finite number > 0, got " + maxNorm);
        }
        return new OptimizerBuilder(config, rates, groups, regularizers, maxNorm, clipValue, accumulationSteps);
    }

    /** Clamps every gradient element to [−value, value], as PyTorch's {@code clip_grad_value_}. */
    public OptimizerBuilder clipGradValue(double value) {
        new ClipByValue(value); // validates
        return new OptimizerBuilder(config, rates, groups, regularizers, maxGradNorm, value, accumulationSteps);
    }

    /**
     * Accumulates gradients over {@code k} calls of {@code step()} and updates on every k-th
     * with their mean: a batch k times larger without its memory. {@code zeroGrad()} only
     * clears after an update, so the usual loop needs no change.
     */
    public OptimizerBuilder accumulateGradients(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("gradient accumulation steps must be ≥ 1, got " + k);
        }
        return new OptimizerBuilder(config, rates, groups, regularizers, maxGradNorm, clipValue, k);
    }

    /** The optimizer over {@code parameters} (by name, e.g. {@code model.namedParameters()}). */
    public Optimizer build(Map<String, Variable> parameters) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(config + ": the parameter map is empty");
        }
        for (ParameterGroup group : groups) {
            if (parameters.keySet().stream().noneMatch(group::matches)) {
                throw new IllegalArgumentException("parameter group '" + group.pattern()
                        + "' matches no parameter; the parameters are " + parameters.keySet());
            }
        }
        for (Scoped scoped : regularizers) {
            if (parameters.keySet().stream().noneMatch(ParameterGroup.matching(scoped.pattern())::matches)) {
                throw new IllegalArgumentException("regulariser " + scoped.regularizer().name() + " on '"
                        + scoped.pattern() + "' matches no parameter; the parameters are " + parameters.keySet());
            }
        }
        LearningRateSchedule schedule = rates.forLr(config.lr(), config.lr());
        Map<Double, LearningRateSchedule> byLr = new HashMap<>(); // one schedule per rate, evaluated once a step
        byLr.put(config.lr(), schedule);
        Map<String, ChainOptimizer.Member> members = new LinkedHashMap<>();
        for (Map.Entry<String, Variable> e : parameters.entrySet()) {
            String name = e.getKey();
            ParameterGroup group = groups.stream().filter(g -> g.matches(name)).findFirst().orElse(null);
            double weightDecay = group != null && group.weightDecay() != null ? group.weightDecay() : config.weightDecay();
            double lr = group != null && group.lr() != null ? group.lr() : config.lr();
            LearningRateSchedule own = byLr.computeIfAbsent(lr, groupLr -> rates.forLr(groupLr, config.lr()));
            members.put(name, new ChainOptimizer.Member(e.getValue(), chainFor(name, weightDecay), own));
        }
        String description = config + (schedule instanceof LearningRateSchedule.Constant ? "" : " · lr " + schedule);
        return new ChainOptimizer(description, members, schedule, maxGradNorm, accumulationSteps);
    }

    private List<UpdateRule> chainFor(String name, double weightDecay) {
        List<UpdateRule> core = config.rules(weightDecay);
        requireLearningRate(core);
        List<UpdateRule> chain = new ArrayList<>();
        if (clipValue > 0) {
            chain.add(new ClipByValue(clipValue));
        }
        List<Regularizer> applicable = regularizers.stream()
                .filter(s -> ParameterGroup.matching(s.pattern()).matches(name))
                .map(Scoped::regularizer).toList();
        applicable.forEach(r -> chain.addAll(r.first()));
        chain.addAll(core);
        applicable.forEach(r -> chain.addAll(r.afterStep()));
        return chain;
    }

    private void requireLearningRate(List<UpdateRule> core) {
        if (core.stream().noneMatch(rule -> rule instanceof ScaleByLearningRate)) {
            throw new IllegalStateException(config + ": its chain " + core + " has no ScaleByLearningRate");
        }
    }
}
