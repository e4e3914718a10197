package dev.descent.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.autodiff.Variable;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one-pass updates give the generic chain's results bit for bit, and flush subnormals. */
class FusedUpdateTest {

    private static Variable parameter(Rng rng, int n) {
        return Variable.parameter(Tensor.generate(i -> rng.nextGaussian(), n));
    }

    private static void setGradient(Variable p, Rng rng, double scale) {
        p.zeroGrad();
        float[] g = p.gradForAccumulation().data();
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (rng.nextGaussian() * scale);
        }
    }

    private static float[] train(OptimizerBuilder builder, int steps) {
        Rng rng = new Rng(5);
        Variable w = parameter(rng, 37);
        Optimizer optimizer = builder.build(Map.of("w", w));
        for (int t = 0; t < steps; t++) {
            setGradient(w, rng, 1.0);
            optimizer.step();
        }
        return w.value().data().clone();
    }

    @Test
    void fusedSgdAndMomentumEqualTheGenericChain() {
        // a clip at 1e30 changes nothing but adds a rule, so the chain runs generically
        for (OptimizerConfig config : new OptimizerConfig[] {new Sgd(0.1), new Sgd(0.1).withMomentum(0.9),
                new Sgd(0.05).withMomentum(0.5).withDampening(0.3)}) {
            float[] fused = train(config.builder(), 20);
            float[] generic = train(config.builder().clipGradValue(1e30), 20);
            assertThat(fused).as(config.toString()).containsExactly(generic);
            float[] accumulated = train(config.builder().accumulateGradients(2), 20);
            float[] accumulatedGeneric = train(config.builder().accumulateGradients(2).clipGradValue(1e30), 20);
            assertThat(accumulated).as(config + " with accumulation").containsExactly(accumulatedGeneric);
        }
    }

    @Test
    void momentumBuffersNeverHoldSubnormals() {
        Variable w = Variable.parameter(Tensor.zeros(4));
        Optimizer sgd = new Sgd(0.1).withMomentum(0.9).build(Map.of("w", w));
        w.gradForAccumulation().copyFrom(Tensor.of(new float[] {1f, 1e-30f, 0f, -1f}, 4));
        sgd.step();
        for (int t = 0; t < 900; t++) { // 0.9^900 ≈ 7e-42: subnormal unless flushed (below ~1.4e-45 it would underflow to 0 anyway)
            w.zeroGrad();
            sgd.step();
        }
        Tensor buffer = sgd.state().buffers().get("w/momentum_buffer");
        for (float b : buffer.data()) {
            assertThat(b == 0f || Math.abs(b) >= Float.MIN_NORMAL).as("buffer value %s", b).isTrue();
        }
    }
}
