package dev.descent.spark;

import dev.descent.optim.OptimizerState;
import dev.descent.tensor.Tensor;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@link OptimizerState} in a form Spark can serialise (plain arrays), and the average of several. */
record ShippedOptimizerState(long updates, long microSteps, Map<String, Long> parameterSteps,
                             Map<String, float[]> buffers, Map<String, int[]> shapes) implements Serializable {

    static ShippedOptimizerState of(OptimizerState state) {
        Map<String, float[]> buffers = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        state.buffers().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            buffers.put(e.getKey(), e.getValue().data().clone());
            shapes.put(e.getKey(), e.getValue().shape().dims());
        });
        return new ShippedOptimizerState(state.updates(), state.microSteps(),
                new LinkedHashMap<>(state.parameterSteps()), buffers, shapes);
    }

    OptimizerState toState() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        buffers.forEach((name, values) -> tensors.put(name, Tensor.wrap(values.clone(), shapes.get(name))));
        return new OptimizerState(updates, microSteps, parameterSteps, tensors);
    }

    /**
     * The element-wise mean of the partitions' buffers, added in partition order; counters are
     * the same on every partition (each made the same number of steps), so the first's are kept.
     */
    static ShippedOptimizerState average(List<ShippedOptimizerState> states) {
        ShippedOptimizerState first = states.get(0);
        Map<String, float[]> mean = new LinkedHashMap<>();
        first.buffers.forEach((name, values) -> {
            double[] sum = new double[values.length];
            for (ShippedOptimizerState s : states) {
                float[] v = s.buffers.get(name);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += v[i];
                }
            }
            float[] out = new float[sum.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (sum[i] / states.size());
            }
            mean.put(name, out);
        });
        return new ShippedOptimizerState(first.updates, first.microSteps, first.parameterSteps, mean, first.shapes);
    }
}
