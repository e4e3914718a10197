package dev.descent.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Daemon worker threads that spin briefly, then park, between jobs; see {@link ComputeThreads}.
 *
 * <p>Parts are handed out through one {@code ticket}: the job's generation in the high 32 bits
 * and the next unclaimed part in the low 32. A worker that wakes late and still holds an old
 * generation cannot claim a part of a newer job, so the job fields can be reused without a
 * handshake. The caller owns the pool between {@link #tryEnter} and {@link #exit}.
 */
final class WorkerPool {
    static final long SPIN_MICROS = 200;
    private static final long SPIN_NANOS = SPIN_MICROS * 1000;

    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicLong ticket = new AtomicLong();
    private final AtomicInteger finished = new AtomicInteger();
    private volatile ComputeThreads.Task task;
    private volatile int parts;
    private volatile int helpers;
    private volatile Thread caller;
    private volatile boolean callerParked;
    private volatile Throwable failure;
    // Touched only by the thread that owns the pool.
    private Worker[] workers = new Worker[0];
    private int generation;

    boolean tryEnter() {
        return busy.compareAndSet(false, true);
    }

    void exit() {
        busy.set(false);
    }

    /** Runs the job with {@code helperCount} workers plus the caller; the caller must own the pool. */
    void run(ComputeThreads.Task job, int partCount, int helperCount) {
        ensureWorkers(helperCount);
        task = job;
        parts = partCount;
        helpers = helperCount;
        failure = null;
        caller = Thread.currentThread();
        finished.set(0);
        int gen = ++generation;
        ticket.set((long) gen << 32);
        for (int i = 0; i < helperCount; i++) {
            Worker w = workers[i];
            if (w.parked) {
                LockSupport.unpark(w.thread);
            }
        }
        work(gen, job, partCount);
        awaitFinished(partCount);
        task = null; // do not keep the caller's arrays reachable
        Throwable f = failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("a compute task failed", f);
        }
    }

    private void ensureWorkers(int count) {
        if (workers.length >= count) {
            return;
        }
        Worker[] grown = java.util.Arrays.copyOf(workers, count);
        for (int i = workers.length; i < count; i++) {
            grown[i] = new Worker(i, generation);
        }
        workers = grown;
    }

    /** Claims and runs parts of generation {@code gen} until none is left. */
    private void work(int gen, ComputeThreads.Task job, int partCount) {
        int p;
        while ((p = claim(gen, partCount)) >= 0) {
            try {
                job.runPart(p);
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                }
            } finally {
                if (finished.incrementAndGet() == partCount && callerParked) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }

    private int claim(int gen, int partCount) {
        while (true) {
            long t = ticket.get();
            int part = (int) t;
            if ((int) (t >>> 32) != gen || part >= partCount) {
                return -1;
            }
            if (ticket.compareAndSet(t, t + 1)) {
                return part;
            }
        }
    }

    private void awaitFinished(int partCount) {
        long deadline = System.nanoTime() + SPIN_NANOS;
        int spins = 0;
        while (finished.get() < partCount) {
            if ((++spins & 63) == 0 && System.nanoTime() > deadline) {
                callerParked = true;
                if (finished.get() < partCount) {
                    LockSupport.park(this);
                }
                callerParked = false;
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private int currentGeneration() {
        return (int) (ticket.get() >>> 32);
    }

    private final class Worker implements Runnable {
        final int index;
        final Thread thread;
        volatile boolean parked;
        private int seen;

        Worker(int index, int seen) {
            this.index = index;
            this.seen = seen;
            // no inherited thread-locals or class loader from whichever thread happened to call first
            this.thread = new Thread(null, this, "descent-compute-" + (index + 1), 0, false);
            thread.setContextClassLoader(null);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            while (true) {
                seen = awaitNewGeneration(seen);
                ComputeThreads.Task job = task;
                int partCount = parts;
                // Fields read after the generation may already belong to a newer job; claim()
                // then fails because it checks the generation we saw.
                if (index < helpers && job != null) {
                    work(seen, job, partCount);
                }
            }
        }

        private int awaitNewGeneration(int old) {
            long deadline = System.nanoTime() + SPIN_NANOS;
            int spins = 0;
            while (true) {
                int gen = currentGeneration();
                if (gen != old) {
                    return gen;
                }
                if ((++spins & 63) == 0 && System.nanoTime() > deadline) {
                    parked = true;
                    if (currentGeneration() == old) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    deadline = System.nanoTime() + SPIN_NANOS;
                } else {
                    Thread.onSpinWait();
                }
            }
        }
    }
}
