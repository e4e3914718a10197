package dev.descent.optim;

import dev.descent.autodiff.Variable;
import dev.descent.optim.rule.ClipByValue;
import dev.descent.optim.rule.ScaleByLearningRate;
import dev.descent.optim.rule.UpdateRule;
import dev.descent.schedule.LearningRateSchedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles an {@link Optimizer} from a named optimizer's config and what surrounds it: a
 * learning-rate schedule, parameter groups, regularisers, gradient clipping and gradient
 * accumulation. The builder is immutable: each method returns a new one.
 *
 * <pre>{@code
 * Optimizer adamw = new AdamW().withLr(1e-3).builder()
 *         .schedule(new LinearDecay(1e-3, 1e-5, 10_000))
 *         .group(ParameterGroup.matching("*.bias").weightDecay(0))
 *         .clipGradNorm(1.0)
 *         .build(model.namedParameters());
 * }</pre>
 */
public final class OptimizerBuilder {
    private final OptimizerConfig config;
    private final LearningRateSchedule schedule;
    private final List<ParameterGroup> groups;
    private final List<Scoped> regularizers;
    private final double maxGradNorm;
    private final double clipValue;
    private final int accumulationSteps;

    private record Scoped(Regularizer regularizer, String pattern) {
    }

    OptimizerBuilder(OptimizerConfig config) {
        this(requireConsistent(config), LearningRateSchedule.constant(config.lr()), List.of(), List.of(), 0, 0, 1);
    }

    private static OptimizerConfig requireConsistent(OptimizerConfig config) {
        config.requireConsistent();
        return config;
    }

    private OptimizerBuilder(OptimizerConfig config, LearningRateSchedule schedule, List<ParameterGroup> groups,
                             List<Scoped> regularizers, double maxGradNorm, double clipValue, int accumulationSteps) {
        this.config = config;
        this.schedule = schedule;
        this.groups = List.copyOf(groups);
        this.regularizers = List.copyOf(regularizers);
        this.maxGradNorm = maxGradNorm;
        this.clipValue = clipValue;
        this.accumulationSteps = accumulationSteps;
    }

    /** The learning rate of each update, replacing the config's constant {@code lr}. */
    public OptimizerBuilder schedule(LearningRateSchedule newSchedule) {
        return new OptimizerBuilder(config, newSchedule, groups, regularizers, maxGradNorm, clipValue,
                accumulationSteps);
    }

    /** Adds a parameter group; groups are matched in the order they are added. */
    public OptimizerBuilder group(ParameterGroup group) {
        List<ParameterGroup> more = new ArrayList<>(groups);
        more.add(group);
        return new OptimizerBuilder(config, schedule, more, regularizers, maxGradNorm, clipValue, accumulationSteps);
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
        return new OptimizerBuilder(config, schedule, groups, more, maxGradNorm, clipValue, accumulationSteps);
    }

    /**
     * Rescales the gradients so that their global L2 norm (over all parameters) is at most
     * {@code maxNorm}, as PyTorch's {@code clip_grad_norm_}.
     */
    public OptimizerBuilder clipGradNorm(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("max_norm must be a finite number > 0, got " + maxNorm);
        }
        return new OptimizerBuilder(config, schedule, groups, regularizers, maxNorm, clipValue, accumulationSteps);
    }

    /** Clamps every gradient element to [−value, value], as PyTorch's {@code clip_grad_value_}. */
    public OptimizerBuilder clipGradValue(double value) {
        new ClipByValue(value); // validates
        return new OptimizerBuilder(config, schedule, groups, regularizers, maxGradNorm, value, accumulationSteps);
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
        return new OptimizerBuilder(config, schedule, groups, regularizers, maxGradNorm, clipValue, k);
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
        Map<String, ChainOptimizer.Member> members = new LinkedHashMap<>();
        for (Map.Entry<String, Variable> e : parameters.entrySet()) {
            String name = e.getKey();
            ParameterGroup group = groups.stream().filter(g -> g.matches(name)).findFirst().orElse(null);
            double weightDecay = group != null && group.weightDecay() != null ? group.weightDecay() : config.weightDecay();
            double lrScale = group != null && group.lr() != null ? group.lr() / config.lr() : 1.0;
            members.put(name, new ChainOptimizer.Member(e.getValue(), chainFor(name, weightDecay), lrScale));
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
