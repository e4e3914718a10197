package dev.descent.cli;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Heap bytes allocated by all live Java threads, and garbage collections, between two points:
 * the evidence for "no allocation per training step". Uses HotSpot's per-thread allocation
 * counters; on a JVM without them {@link #supported()} is false and the bytes are -1.
 */
final class AllocationMeter {
    private final com.sun.management.ThreadMXBean threads;
    private final long startBytes;
    private final long startCollections;
    private final long readingCost;

    private AllocationMeter(com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
        this.startBytes = allocatedBytes();
        this.startCollections = totalCollections();
        // A reading allocates its own id and result arrays: measured here, subtracted later.
        this.readingCost = allocatedBytes() - startBytes;
    }

    static AllocationMeter start() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemorySupported()) {
            hotspot.setThreadAllocatedMemoryEnabled(true);
            // The first reading allocates ~77 KB once (measured): take it outside the interval.
            new AllocationMeter(hotspot).bytes();
            return new AllocationMeter(hotspot);
        }
        return new AllocationMeter(null);
    }

    boolean supported() {
        return threads != null;
    }

    /** Bytes allocated since {@link #start()} by the threads alive now (the training thread and the compute workers). */
    long bytes() {
        return supported() ? Math.max(0, allocatedBytes() - startBytes - readingCost) : -1;
    }

    /** Garbage collections since {@link #start()}, all collectors. */
    long collections() {
        return totalCollections() - startCollections;
    }

    private static long totalCollections() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionCount());
        }
        return total;
    }

    private long allocatedBytes() {
        if (threads == null) {
            return 0;
        }
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }
}
