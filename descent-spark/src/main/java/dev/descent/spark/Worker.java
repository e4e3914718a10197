package dev.descent.spark;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.nn.Layer;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import dev.descent.train.Objective;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An executor thread's copy of the model, built once per run and thread and reused for every
 * task of that run: Spark runs a run's tasks on a pool of threads, so each keeps its own model
 * and tape, and nothing is rebuilt per step. The weights always come from the task's broadcast.
 */
final class Worker {
    /** The last few runs' workers, per thread; old runs fall out as new ones start. */
    private static final int RUNS_KEPT = 4;
    private static final Map<String, ThreadLocal<Worker>> RUNS = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ThreadLocal<Worker>> eldest) {
            return size() > RUNS_KEPT;
        }
    };

    final Layer model;
    final List<Variable> parameters;
    final Objective objective;
    final Tape tape = Tape.recycling();
    /** Per-partition state a strategy keeps with the worker (e.g. a full pass's risk), or null. */
    Object partitionState;
    int statePartition = -1;

    private Worker(Layer model, Objective objective) {
        this.model = model;
        this.parameters = model.parameters();
        this.objective = objective;
    }

    /** This thread's worker for run {@code runId}, built by the factories on first use. */
    static Worker of(String runId, ModelFactory models, ObjectiveFactory objectives) {
        ThreadLocal<Worker> perThread;
        synchronized (RUNS) {
            perThread = RUNS.computeIfAbsent(runId, id -> new ThreadLocal<>());
        }
        Worker worker = perThread.get();
        if (worker == null) {
            worker = new Worker(models.create(), objectives.create());
            perThread.set(worker);
        }
        return worker;
    }

    /** Copies the flat weight vector (parameters in order, each row-major) into the model. */
    void setWeights(float[] flat) {
        int o = 0;
        for (Variable p : parameters) {
            float[] w = p.value().data();
            System.arraycopy(flat, o, w, 0, w.length);
            o += w.length;
        }
        if (o != flat.length) {
            throw new IllegalStateException("the broadcast holds " + flat.length + " weights but the executor's model has "
                    + o + "; the model factory builds another architecture than the driver's");
        }
    }

    /** Seeds the model's random layers (dropout) from the run's seed, the step and the partition: a retried task draws the same masks. */
    void seedGenerators(long seed, long step, int partition) {
        for (Map.Entry<String, Rng> e : model.generators().entrySet()) {
            e.getValue().setState(mix(seed, step, partition, e.getKey().hashCode()));
        }
    }

    /** The gradients of the last backward pass, in parameter order, into {@code out} (zeros where none reached). */
    void gradients(float[] out) {
        int o = 0;
        for (Variable p : parameters) {
            Tensor g = p.grad();
            int size = p.value().size();
            if (g == null) {
                java.util.Arrays.fill(out, o, o + size, 0f);
            } else {
                System.arraycopy(g.data(), 0, out, o, size);
            }
            o += size;
        }
    }

    /** The parameters' values as one flat vector (in order, each row-major), into {@code out}. */
    static void flatten(List<Variable> parameters, float[] out) {
        int o = 0;
        for (Variable p : parameters) {
            float[] w = p.value().data();
            System.arraycopy(w, 0, out, o, w.length);
            o += w.length;
        }
    }

    static int parameterCount(List<Variable> parameters) {
        int n = 0;
        for (Variable p : parameters) {
            n += p.value().size();
        }
        return n;
    }

    /** SplitMix64's finaliser over the inputs: distinct, well-spread generator states. */
    static long mix(long... values) {
        long h = 0x9E3779B97F4A7C15L;
        for (long v : values) {
            h ^= v;
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
            h *= 0x94D049BB133111EBL;
            h ^= h >>> 29;
        }
        return h;
    }
}
