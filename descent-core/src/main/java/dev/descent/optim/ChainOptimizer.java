package dev.descent.optim;

import dev.descent.autodiff.Variable;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.optim.rule.HeavyBallMomentum;
import dev.descent.optim.rule.ParameterSlot;
import dev.descent.optim.rule.ScaleByLearningRate;
import dev.descent.optim.rule.StateSpec;
import dev.descent.optim.rule.StepContext;
import dev.descent.optim.rule.UpdateRule;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs each parameter's chain of update rules: {@code u ← g; u ← rule(u) for each rule;
 * w ← w + u}. Every buffer (update vector, rule state) is allocated once, at construction;
 * a step allocates nothing.
 */
final class ChainOptimizer implements Optimizer {
    // PyTorch's clip_grad_norm_ adds this to the norm before dividing.
    private static final double NORM_EPSILON = 1e-6;

    /** A parameter with its chain and its learning-rate schedule (its group's, if the group has an lr). */
    record Member(Variable parameter, List<UpdateRule> rules, LearningRateSchedule schedule) {
    }

    /** Chains common enough to run as one pass over the arrays instead of one pass per rule. */
    private enum Fused { NONE, SGD, SGD_MOMENTUM }

    private static final class Slot {
        final Fused fused;
        final String name;
        final Variable parameter;
        final List<UpdateRule> rules;
        final int scheduleIndex;
        final float[] update;
        final ParameterSlot[] ruleSlots;
        final Map<String, float[]> buffers = new LinkedHashMap<>();
        final Map<String, Shape> shapes = new HashMap<>();
        long steps;

        Slot(String name, Member member, int scheduleIndex) {
            this.name = name;
            this.parameter = member.parameter();
            this.rules = member.rules();
            this.scheduleIndex = scheduleIndex;
            int size = parameter.value().size();
            this.update = new float[size];
            this.ruleSlots = new ParameterSlot[rules.size()];
            this.fused = rules.size() == 1 && rules.get(0) instanceof ScaleByLearningRate ? Fused.SGD
                    : rules.size() == 2 && rules.get(0) instanceof HeavyBallMomentum
                            && rules.get(1) instanceof ScaleByLearningRate ? Fused.SGD_MOMENTUM : Fused.NONE;
            for (int r = 0; r < rules.size(); r++) {
                List<StateSpec> specs = rules.get(r).state();
                float[][] state = new float[specs.size()][];
                for (int s = 0; s < specs.size(); s++) {
                    StateSpec spec = specs.get(s);
                    state[s] = new float[spec.perElement() ? size : 1];
                    Arrays.fill(state[s], spec.initialValue());
                    shapes.put(spec.name(), spec.perElement() ? parameter.value().shape() : Shape.of());
                    if (buffers.put(spec.name(), state[s]) != null) {
                        throw new IllegalStateException("parameter " + name + ": two rules of its chain " + rules
                                + " keep a buffer named " + spec.name());
                    }
                }
                ruleSlots[r] = new ParameterSlot(name, update, parameter.value().data(), state);
            }
        }

        /** The parameter's shape for per-element state, [] (PyTorch's 0-d) for a single value. */
        Shape shapeOf(String stateName) {
            return shapes.get(stateName);
        }
    }

    private final String description;
    private final List<Slot> slots = new ArrayList<>();
    private final LearningRateSchedule schedule;
    /** The distinct schedules of the slots, each evaluated once per update into {@link #rates}. */
    private final LearningRateSchedule[] schedules;
    private final double[] rates;
    private final double maxGradNorm;
    private final int accumulationSteps;
    private final StepContext context = new StepContext();
    private static final Kernels K = KernelProvider.kernels();
    private long updates;
    private long microSteps;

    ChainOptimizer(String description, Map<String, Member> members, LearningRateSchedule schedule,
                   double maxGradNorm, int accumulationSteps) {
        this.description = description;
        this.schedule = schedule;
        this.maxGradNorm = maxGradNorm;
        this.accumulationSteps = accumulationSteps;
        List<LearningRateSchedule> distinct = new ArrayList<>();
        members.forEach((name, member) -> {
            int index = indexOfSame(distinct, member.schedule());
            if (index < 0) {
                index = distinct.size();
                distinct.add(member.schedule());
            }
            slots.add(new Slot(name, member, index));
        });
        this.schedules = distinct.toArray(LearningRateSchedule[]::new);
        this.rates = new double[schedules.length];
    }

    private static int indexOfSame(List<LearningRateSchedule> schedules, LearningRateSchedule schedule) {
        for (int i = 0; i < schedules.size(); i++) {
            if (schedules.get(i) == schedule) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void step() {
        if ((microSteps + 1) % accumulationSteps != 0) {
            microSteps++;
            return; // keep accumulating gradients
        }
        for (int i = 0; i < schedules.length; i++) { // all checked before any parameter changes
            double rate = schedules[i].valueAt(updates);
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalStateException("the learning-rate schedule " + schedules[i] + " gave " + rate
                        + " at step " + updates + "; a learning rate must be finite and ≥ 0");
            }
            rates[i] = rate;
        }
        microSteps++;
        float gradientScale = (float) (1.0 / accumulationSteps * clipFactor());
        for (int s = 0; s < slots.size(); s++) { // indexed, as on every path of a step: no iterator to allocate
            Slot slot = slots.get(s);
            Tensor grad = slot.parameter.grad();
            if (grad == null) {
                continue; // never reached by a backward pass: nothing to update, as in PyTorch
            }
            float[] g = grad.data();
            float[] u = slot.update;
            if (slot.fused != Fused.NONE) {
                slot.steps++;
                fusedStep(slot, g, gradientScale, rates[slot.scheduleIndex]);
                continue;
            }
            if (gradientScale == 1f) {
                System.arraycopy(g, 0, u, 0, u.length);
            } else {
                for (int i = 0; i < u.length; i++) {
                    u[i] = g[i] * gradientScale;
                }
            }
            slot.steps++;
            context.set(slot.steps, rates[slot.scheduleIndex]);
            for (int r = 0; r < slot.ruleSlots.length; r++) {
                slot.rules.get(r).apply(slot.ruleSlots[r], context);
            }
            float[] w = slot.parameter.value().data();
            for (int i = 0; i < w.length; i++) {
                w[i] += u[i];
            }
        }
        updates++;
    }

    /**
     * The fused chains, one pass each. They perform exactly the generic chain's float
     * operations in the same order (so results are the same bit for bit); they only skip the
     * update vector's round trips through memory.
     */
    private static void fusedStep(Slot slot, float[] g, float gradientScale, double rate) {
        float[] w = slot.parameter.value().data();
        float factor = (float) -rate;
        int n = w.length;
        if (slot.fused == Fused.SGD) {
            K.sgdStep(n, g, gradientScale, w, factor);
            return;
        }
        HeavyBallMomentum momentum = (HeavyBallMomentum) slot.rules.get(0);
        float[] b = slot.ruleSlots[0].state(0);
        if (slot.steps == 1) { // PyTorch's first step: the buffer is the gradient itself (b·0 + 1·g)
            java.util.Arrays.fill(b, 0f);
            K.momentumStep(n, g, gradientScale, b, 0f, 1f, w, factor);
            return;
        }
        K.momentumStep(n, g, gradientScale, b, (float) momentum.momentum(), (float) (1 - momentum.dampening()), w,
                factor);
    }

    /** The factor that brings the global gradient norm down to the maximum (1 when below it). */
    private double clipFactor() {
        if (maxGradNorm <= 0) {
            return 1.0;
        }
        double sumOfSquares = 0;
        for (int s = 0; s < slots.size(); s++) {
            Tensor grad = slots.get(s).parameter.grad();
            if (grad != null) {
                for (float v : grad.data()) {
                    sumOfSquares += (double) v * v;
                }
            }
        }
        double norm = Math.sqrt(sumOfSquares) / accumulationSteps;
        return Math.min(1.0, maxGradNorm / (norm + NORM_EPSILON));
    }

    @Override
    public void zeroGrad() {
        if (microSteps % accumulationSteps != 0) {
            return; // in the middle of an accumulation
        }
        for (int s = 0; s < slots.size(); s++) {
            slots.get(s).parameter.zeroGrad();
        }
    }

    @Override
    public double learningRate() {
        return schedule.valueAt(updates);
    }

    @Override
    public long stepsDone() {
        return updates;
    }

    @Override
    public OptimizerState state() {
        Map<String, Long> steps = new LinkedHashMap<>();
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        for (Slot slot : slots) {
            steps.put(slot.name, slot.steps);
            slot.buffers.forEach((stateName, buffer) ->
                    buffers.put(slot.name + "/" + stateName, Tensor.wrap(buffer.clone(), slot.shapeOf(stateName))));
        }
        return new OptimizerState(updates, microSteps, steps, buffers);
    }

    @Override
    public void loadState(OptimizerState state) {
        Set<String> expected = new HashSet<>();
        Map<String, float[]> targets = new HashMap<>();
        Set<String> names = new HashSet<>();
        slots.forEach(slot -> names.add(slot.name));
        for (String saved : state.parameterSteps().keySet()) {
            if (!names.contains(saved)) {
                throw new IllegalArgumentException("optimizer state: parameter '" + saved + "' is not optimized here"
                        + " (was it saved from another model?); this optimizer has " + names);
            }
        }
        for (Slot slot : slots) {
            if (!state.parameterSteps().containsKey(slot.name)) {
                throw new IllegalArgumentException("optimizer state: no entry for parameter '" + slot.name
                        + "'; the saved state has " + state.parameterSteps().keySet());
            }
            for (Map.Entry<String, float[]> e : slot.buffers.entrySet()) {
                String key = slot.name + "/" + e.getKey();
                expected.add(key);
                Tensor saved = state.buffers().get(key);
                if (saved == null) {
                    throw new IllegalArgumentException("optimizer state: buffer '" + key + "' is missing; the "
                            + description + " optimizer keeps " + slot.buffers.keySet() + " for each parameter");
                }
                Shape shape = slot.shapeOf(e.getKey());
                if (!saved.shape().equals(shape)) {
                    throw new IllegalArgumentException("optimizer state: buffer '" + key + "' has shape "
                            + saved.shape() + " but parameter '" + slot.name + "' needs " + shape);
                }
                targets.put(key, e.getValue());
            }
        }
        for (String key : state.buffers().keySet()) {
            if (!expected.contains(key)) {
                throw new IllegalArgumentException("optimizer state: buffer '" + key + "' belongs to no parameter of this "
                        + description + " optimizer (was it saved from another model or optimizer?)");
            }
        }
        targets.forEach((key, buffer) -> System.arraycopy(state.buffers().get(key).data(), 0, buffer, 0, buffer.length));
        for (Slot slot : slots) {
            slot.steps = state.parameterSteps().get(slot.name);
        }
        updates = state.updates();
        microSteps = state.microSteps();
    }

    @Override
    public String toString() {
        return description;
    }
}
