package dev.descent.kernel;

/**
 * The process-wide number of compute threads, and the small pool that kernels use to split
 * one large operation (a matrix product) into parts.
 *
 * <p>Why not an {@code ExecutorService}: the products in a training step take 0.1–0.3 ms, and a
 * worker that has to be woken from a parked state arrives too late to help (measured: no
 * speed-up at all with a {@code ThreadPoolExecutor}). The workers here spin for about 200 µs
 * after each job before parking, so back-to-back kernel calls find them awake. The calling thread always works on the parts too.
 *
 * <p>Concurrency: the pool serves one operation at a time. If a second Java thread calls in
 * while the pool is busy (or a task calls in re-entrantly), that call runs all its parts on its
 * own thread instead of waiting. Results never depend on this because kernels split only the
 * output, never a sum: every part computes its elements exactly as a single thread would.
 *
 * <p>Running more threads than cores is allowed but pointless: spinning workers then compete
 * with the threads doing the work.
 */
public final class ComputeThreads {

    /**
     * One operation split into independent parts. Implementations keep their arguments in
     * fields (set before {@link #run}, cleared after) so that a call allocates nothing.
     */
    @FunctionalInterface
    public interface Task {
        /** Does part {@code part}; parts run in any order, on any thread, possibly concurrently. */
        void runPart(int part);
    }

    private static final int MAX_THREADS = 4 * Runtime.getRuntime().availableProcessors();
    private static final WorkerPool POOL = new WorkerPool();
    private static volatile int threads = Runtime.getRuntime().availableProcessors();

    private ComputeThreads() {
    }

    /** Threads a kernel may use for one operation, the caller included; by default the number of cores. */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads kernels may use, the calling thread included (1 = no worker
     * threads). Takes effect from the next kernel call.
     *
     * @throws IllegalArgumentException if {@code n} is outside {@code [1, 4 × cores]}
     */
    public static void setThreads(int n) {
        if (n < 1 || n > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in [1, " + MAX_THREADS
                    + "] (4 × " + Runtime.getRuntime().availableProcessors() + " cores), got " + n);
        }
        threads = n;
    }

    /**
     * Runs {@code task.runPart(p)} for every {@code p} in {@code [0, parts)} and returns when all
     * are done. Uses up to {@link #threads()} threads including the caller; runs everything on
     * the caller if only one thread is allowed, there is one part, or the pool is busy with
     * another call. An exception thrown by a part is rethrown here after all parts have ended.
     */
    public static void run(int parts, Task task) {
        int helpers = Math.min(threads, parts) - 1;
        if (helpers <= 0 || !POOL.tryEnter()) {
            for (int p = 0; p < parts; p++) {
                task.runPart(p);
            }
            return;
        }
        try {
            POOL.run(task, parts, helpers);
        } finally {
            POOL.exit();
        }
    }
}
