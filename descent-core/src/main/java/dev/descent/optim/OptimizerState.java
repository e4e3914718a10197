package dev.descent.optim;

import dev.descent.tensor.Tensor;
import java.util.Map;

/**
 * A snapshot of an optimizer's state: its counters and every state buffer, keyed
 * {@code "<parameter>/<buffer>"} with PyTorch's buffer names (e.g. {@code 0.weight/exp_avg}).
 *
 * @param updates updates applied so far (the schedule's step)
 * @param microSteps calls of {@code step()} so far (differs from updates when gradients are
 *     accumulated over several mini-batches)
 * @param parameterSteps per parameter, the updates it received (PyTorch's {@code state['step']})
 * @param buffers the state buffers
 */
public record OptimizerState(long updates, long microSteps, Map<String, Long> parameterSteps,
                             Map<String, Tensor> buffers) {

    public OptimizerState {
        parameterSteps = Map.copyOf(parameterSteps);
        buffers = Map.copyOf(buffers);
    }
}
