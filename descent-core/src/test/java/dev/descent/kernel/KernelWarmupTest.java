package dev.descent.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.random.Rng;
import org.junit.jupiter.api.Test;

/** The kernel warm-up: it runs, stops when asked, ends by itself, and changes no result. */
class KernelWarmupTest {

    @Test
    void itRunsOnItsOwnThreadAndStopsWhenAsked() {
        KernelWarmup warmup = KernelWarmup.start(KernelProvider.kernels(), Integer.MAX_VALUE);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (warmup.roundsDone() < 5 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        warmup.stop();
        int done = warmup.roundsDone();
        assertThat(done).isGreaterThanOrEqualTo(5);
        assertThat(warmup.roundsDone()).as("no round after stop() returned").isEqualTo(done);
    }

    @Test
    void aBoundedWarmupEndsByItselfAndFinishReturns() {
        KernelWarmup warmup = KernelWarmup.start(KernelProvider.scalar(), 3);
        warmup.finish(10_000);
        assertThat(warmup.roundsDone()).isEqualTo(3);
    }

    @Test
    void duringGivesTheWorksResultOrItsFailure() {
        assertThat(KernelWarmup.during(() -> "data")).isEqualTo("data");
        long start = System.nanoTime();
        assertThatThrownBy(() -> KernelWarmup.during(() -> {
            throw new IllegalStateException("bad data");
        })).isInstanceOf(IllegalStateException.class).hasMessage("bad data");
        assertThat((System.nanoTime() - start) / 1e6).as("a failure does not wait for the warm-up").isLessThan(900);
    }

    @Test
    void weightsAreTheSameWithOrWithoutAWarmupRunningBeside() {
        float[] alone = trainedWeights();
        KernelWarmup warmup = KernelWarmup.start(KernelProvider.kernels(), Integer.MAX_VALUE);
        float[] beside;
        try {
            beside = trainedWeights();
        } finally {
            warmup.stop();
        }
        assertThat(beside).containsExactly(alone);
    }

    /** A few full-size products and updates of a small MLP, on the kernels the warm-up also runs. */
    private static float[] trainedWeights() {
        Sequential model = Models.mlp(new Rng(3), 784, 64, 10);
        dev.descent.autodiff.Tape tape = new dev.descent.autodiff.Tape();
        dev.descent.optim.Optimizer sgd = new dev.descent.optim.Sgd(0.05).withMomentum(0.9)
                .build(model.namedParameters());
        Rng data = new Rng(4);
        float[] x = new float[128 * 784];
        int[] labels = new int[128];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) data.nextGaussian();
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        for (int step = 0; step < 20; step++) {
            tape.reset();
            dev.descent.autodiff.Variable loss = new dev.descent.loss.SoftmaxCrossEntropy().compute(
                    model.forward(tape.input(dev.descent.tensor.Tensor.of(x, 128, 784))), labels);
            sgd.zeroGrad();
            loss.backward();
            sgd.step();
        }
        return model.namedParameters().get("0.weight").value().data().clone();
    }
}
