package dev.descent.optim;

import dev.descent.autodiff.Variable;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.schedule.LearningRateSchedule;
import java.util.List;

/**
 * Stochastic gradient descent, optionally with momentum in PyTorch's form:
 *
 * <pre>
 *   b ← g                 (first step)
 *   b ← μ·b + g           (later steps; μ = momentum)
 *   w ← w − α_t·b         (b = g when μ = 0)
 * </pre>
 *
 * where α_t is the learning-rate schedule at update t (a constant {@code lr} by default).
 * Names follow {@code torch.optim.SGD(params, lr, momentum)}. The momentum buffers are
 * allocated once; a step allocates nothing.
 */
public final class Sgd implements Optimizer {
    private static final Kernels K = KernelProvider.kernels();
    private final List<Variable> parameters;
    private final float momentum;
    private final float[][] momentumBuffers;
    private final LearningRateSchedule schedule;
    private long step;

    public Sgd(List<Variable> parameters, double lr) {
        this(parameters, lr, 0.0);
    }

    public Sgd(List<Variable> parameters, double lr, double momentum) {
        this(parameters, LearningRateSchedule.constant(lr), momentum);
    }

    public Sgd(List<Variable> parameters, LearningRateSchedule schedule, double momentum) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("SGD: the parameter list is empty");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD: momentum must be in [0, 1), got " + momentum);
        }
        this.parameters = List.copyOf(parameters);
        this.schedule = schedule;
        this.momentum = (float) momentum;
        this.momentumBuffers = new float[momentum > 0 ? parameters.size() : 0][];
        for (int i = 0; i < momentumBuffers.length; i++) {
            momentumBuffers[i] = new float[parameters.get(i).value().size()];
        }
    }

    @Override
    public void step() {
        float rate = (float) learningRate();
        for (int i = 0; i < parameters.size(); i++) {
            Variable p = parameters.get(i);
            if (p.grad() == null) {
                continue; // never reached by a backward pass: nothing to do, as in PyTorch
            }
            float[] g = p.grad().data();
            float[] w = p.value().data();
            if (momentum == 0f) {
                K.axpy(w.length, -rate, g, 0, w, 0);
            } else {
                float[] b = momentumBuffers[i];
                if (step > 0) {
                    K.scale(b.length, momentum, b, 0);
                    K.axpy(b.length, 1f, g, 0, b, 0);
                } else {
                    System.arraycopy(g, 0, b, 0, b.length);
                }
                K.axpy(w.length, -rate, b, 0, w, 0);
            }
        }
        step++;
    }

    @Override
    public void zeroGrad() {
        for (Variable p : parameters) {
            p.zeroGrad();
        }
    }

    @Override
    public double learningRate() {
        return schedule.valueAt(step);
    }

    @Override
    public long stepsDone() {
        return step;
    }

    @Override
    public String toString() {
        String lr = schedule instanceof LearningRateSchedule.Constant c ? Double.toString(c.lr()) : schedule.toString();
        return "SGD(lr=" + lr + ", momentum=" + momentum + ")";
    }
}
