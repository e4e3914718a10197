package dev.descent.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/** The most heap this JVM has used so far, for run reports and the memory benchmarks. */
final class PeakHeap {
    private PeakHeap() {
    }

    /** Bytes: the sum of the heap pools' peaks (an upper bound on the peak of their total). */
    static long bytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    static String describe() {
        return String.format(Locale.ROOT, "%.0f MiB (of a %.0f MiB limit)", bytes() / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
    }
}
