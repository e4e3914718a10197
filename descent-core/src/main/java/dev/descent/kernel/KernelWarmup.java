package dev.descent.kernel;

/**
 * Runs the kernels' hot loops on a background thread, so that the JIT has compiled them by the
 * time training starts: start it, load the data, then {@link #finish} it before the first step.
 * It ends by itself once its rounds run at a steady speed (the loops are compiled), which takes
 * about 1.2 s on an idle 2-core machine.
 *
 * <p>Why: a small model's steps are short, so its first hundreds of steps run the Vector-API
 * loops interpreted or half-compiled, boxing every vector (logistic regression on
 * Fashion-MNIST: 170–240 kB allocated and about twice the time per step in its first epoch). The
 * warm-up spends the time the data take to load on compiling them instead.
 *
 * <p>It touches no user data and nothing a training run reads: its arrays are its own, the
 * kernels are stateless (their scratch space is per thread), and results are bit-identical for
 * any thread count, so a training run's weights do not depend on whether, or how long, it ran.
 */
public final class KernelWarmup implements AutoCloseable {
    /** The system property that turns the warm-up off ({@code -Ddescent.warmup=off}), e.g. to measure it. */
    public static final String PROPERTY = "descent.warmup";
    /** How long {@link #during} waits, after the work, for the warm-up to reach a steady speed. */
    public static final long DEFAULT_FINISH_MILLIS = 1_000;

    /** An upper bound: rounds take about 0.15 ms compiled, and the speed is steady after 2 000 to 5 000. */
    static final int DEFAULT_ROUNDS = 20_000;
    /** Rounds timed together to tell whether the speed still changes. */
    private static final int WINDOW = 100;
    /** Windows in a row within {@link #STEADY_RATIO} of the fastest that count as steady. */
    private static final int STEADY_WINDOWS = 3;
    private static final double STEADY_RATIO = 1.15;

    private final Thread thread;
    private final int rounds;
    private volatile boolean stopped;
    private volatile int roundsDone;
    private volatile boolean steady;
    /** Once a warm-up has reached a steady speed, the kernels stay compiled for the life of the JVM. */
    private static volatile boolean compiledInThisJvm;

    private KernelWarmup(Kernels kernels, int rounds) {
        this.rounds = rounds;
        this.thread = new Thread(() -> run(kernels), "descent-kernel-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    /**
     * Does {@code work} (loading data, typically) while the kernels warm up, then gives the
     * warm-up up to {@link #DEFAULT_FINISH_MILLIS} more to reach a steady speed. If the work
     * fails, the warm-up stops at once and the failure is thrown. With {@code -Ddescent.warmup=off},
     * or once a warm-up has reached a steady speed in this JVM, it only does the work.
     */
    public static <T> T during(java.util.function.Supplier<T> work) {
        if ("off".equals(System.getProperty(PROPERTY)) || compiledInThisJvm) {
            return work.get(); // e.g. the second trial of a tuning run: nothing left to compile
        }
        KernelWarmup warmup = start();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            warmup.stop();
            throw e;
        }
        warmup.finish(DEFAULT_FINISH_MILLIS);
        return result;
    }

    /** Starts warming {@link KernelProvider#kernels()} on a daemon thread. */
    public static KernelWarmup start() {
        return start(KernelProvider.kernels(), DEFAULT_ROUNDS);
    }

    /** Starts warming {@code kernels} for at most {@code rounds} rounds. */
    public static KernelWarmup start(Kernels kernels, int rounds) {
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds must be ≥ 0, got " + rounds);
        }
        KernelWarmup warmup = new KernelWarmup(kernels, rounds);
        warmup.thread.start();
        return warmup;
    }

    /** Rounds done so far. */
    public int roundsDone() {
        return roundsDone;
    }

    /** Whether the rounds have reached a steady speed (the warm-up thread then ends by itself). */
    public boolean isSteady() {
        return steady;
    }

    /**
     * Waits up to {@code maxMillis} for the warm-up to reach a steady speed, then stops it: the
     * call to make before training, once the data are loaded. Time spent here would otherwise
     * go to training steps that run uncompiled.
     */
    public void finish(long maxMillis) {
        try {
            thread.join(Math.max(1, maxMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
    }

    /** Stops the warm-up and waits for its thread (at most one round, well under a millisecond once compiled). */
    public void stop() {
        stopped = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void run(Kernels kernels) {
        Shapes s = new Shapes();
        long fastest = Long.MAX_VALUE;
        int steadyWindows = 0;
        long windowStart = System.nanoTime();
        for (int round = 0; round < rounds && !stopped; round++) {
            s.round(kernels);
            roundsDone = round + 1;
            if (roundsDone % WINDOW == 0) {
                long now = System.nanoTime();
                long window = now - windowStart;
                windowStart = now;
                fastest = Math.min(fastest, window);
                steadyWindows = window <= STEADY_RATIO * fastest ? steadyWindows + 1 : 0;
                if (steadyWindows >= STEADY_WINDOWS && roundsDone >= 10 * WINDOW) {
                    steady = true;
                    compiledInThisJvm = true;
                    return;
                }
            }
        }
    }

    /**
     * One round touches every kernel at the shapes of a small training step (a batch of 64, 784
     * features, 10 and 128 outputs), below the sizes that hand work to other threads.
     */
    private static final class Shapes {
        private static final int BATCH = 64;
        private static final int IN = 784;
        private static final int HIDDEN = 128;
        private static final int OUT = 10;
        /** Outputs of a product whose tiles are all whole (10 outputs only make edge tiles). */
        private static final int WIDE = 32;
        private final float[] x = filled(BATCH * IN, 0.01f);
        private final float[] w = filled(OUT * IN, 0.02f);
        private final float[] wHidden = filled(HIDDEN * OUT, 0.03f);
        private final float[] h = new float[BATCH * HIDDEN];
        private final float[] wWide = filled(WIDE * IN, 0.02f);
        private final float[] yWide = new float[BATCH * WIDE];
        private final float[] y = new float[BATCH * OUT];
        private final float[] gradY = filled(BATCH * OUT, 0.001f);
        private final float[] gradW = new float[OUT * IN];
        private final float[] gradX = new float[BATCH * IN];
        private final float[] bias = filled(OUT, 0.1f);
        private final float[] gradBias = new float[OUT];
        private final float[] buffer = new float[OUT * IN];
        private float sink;

        void round(Kernels k) {
            // forward: y = x·wᵀ + b, relu; backward: gradW = gradYᵀ·x, gradX = gradY·w, gradB = Σ gradY
            k.gemm(false, true, BATCH, OUT, IN, 1f, x, 0, IN, w, 0, IN, 0f, y, 0, OUT);
            // whole tiles and both threads too: compiled only for edge tiles, the first wide layer
            // of a real model sent the GEMM back to the interpreter (a deoptimisation) mid-run
            k.gemm(false, true, BATCH, WIDE, IN, 1f, x, 0, IN, wWide, 0, IN, 0f, yWide, 0, WIDE);
            k.addRow(BATCH, OUT, y, 0, bias, 0, y, 0);
            k.relu(y.length, y, 0, y, 0);
            k.gemm(false, false, BATCH, HIDDEN, OUT, 1f, y, 0, OUT, wHidden, 0, HIDDEN, 0f, h, 0, HIDDEN);
            k.reluBackwardAccumulate(y.length, y, 0, gradY, 0, y, 0);
            k.gemm(true, false, OUT, IN, BATCH, 1f, gradY, 0, OUT, x, 0, IN, 0f, gradW, 0, IN);
            k.gemm(false, false, BATCH, IN, OUT, 1f, gradY, 0, OUT, w, 0, IN, 0f, gradX, 0, IN);
            k.sumColumnsAccumulate(BATCH, OUT, gradY, 0, gradBias, 0);
            // elementwise and reductions, then the optimizer steps
            k.axpy(gradW.length, 1e-4f, w, 0, gradW, 0);
            k.scale(gradBias.length, 0.5f, gradBias, 0);
            k.add(y.length, y, 0, gradY, 0, y, 0);
            k.multiply(y.length, y, 0, gradY, 0, y, 0);
            k.multiplyAccumulate(y.length, y, 0, gradY, 0, y, 0);
            sink += k.sum(h.length, h, 0) + k.dot(y.length, y, 0, gradY, 0) + k.max(h.length, h, 0);
            sink += k.allFinite(gradW.length, gradW, 0) ? 1 : 0;
            k.momentumStep(buffer.length, gradW, 1f, buffer, 0.9f, 1f, w, -1e-7f);
            k.sgdStep(gradBias.length, gradBias, 1f, bias, -1e-7f);
            k.scale(y.length, 0f, y, 0); // keeps the values bounded round after round
        }

        private static float[] filled(int n, float step) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = (i % 17 - 8) * step;
            }
            return a;
        }
    }
}
