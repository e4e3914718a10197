package dev.descent.optim;

import dev.descent.autodiff.Variable;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import java.util.List;

/**
 * Stochastic gradient descent, optionally with momentum in PyTorch's form:
 *
 * <pre>
 *   b ← g                 (first step)
 *   b ← μ·b + g           (later steps; μ = momentum)
 *   w ← w − lr·b          (b = g when μ = 0)
 * </pre>
 *
 * Defaults and names follow {@code torch.optim.SGD(params, lr, momentum)}. The momentum
 * buffers are allocated once; a step allocates nothing.
 */
public final class Sgd implements Optimizer {
    private static final Kernels K = KernelProvider.kernels();
    private final List<Variable> parameters;
    private final float momentum;
    private final float[][] momentumBuffers;
    private double lr;
    private boolean started;

    public Sgd(List<Variable> parameters, double lr) {
        this(parameters, lr, 0.0);
    }

    public Sgd(List<Variable> parameters, double lr, double momentum) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("SGD: the parameter list is empty");
        }
        checkLearningRate(lr);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD: momentum must be in [0, 1), got " + momentum);
        }
        this.parameters = List.copyOf(parameters);
        this.lr = lr;
        this.momentum = (float) momentum;
        this.momentumBuffers = new float[momentum > 0 ? parameters.size() : 0][];
        for (int i = 0; i < momentumBuffers.length; i++) {
            momentumBuffers[i] = new float[parameters.get(i).value().size()];
        }
    }

    @Override
    public void step() {
        float rate = (float) lr;
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
                if (started) {
                    K.scale(b.length, momentum, b, 0);
                    K.axpy(b.length, 1f, g, 0, b, 0);
                } else {
                    System.arraycopy(g, 0, b, 0, b.length);
                }
                K.axpy(w.length, -rate, b, 0, w, 0);
            }
        }
        started = true;
    }

    @Override
    public void zeroGrad() {
        for (Variable p : parameters) {
            p.zeroGrad();
        }
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void setLearningRate(double lr) {
        checkLearningRate(lr);
        this.lr = lr;
    }

    private static void checkLearningRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("SGD: lr must be finite and > 0, got " + lr);
        }
    }

    @Override
    public String toString() {
        return "SGD(lr=" + lr + ", momentum=" + momentum + ")";
    }
}
