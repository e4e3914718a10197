package dev.descent.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The most heap this JVM has had in use, for run reports and the memory benchmark.
 *
 * <p>Occupancy peaks just before a collection, so {@link #track()} listens to every garbage
 * collection and keeps the largest total used before one (everything allocated, garbage
 * included) and after one (what was still live). Summing the pools' own peaks instead
 * overstates it (they peak at different moments: 388 MiB reported under a 358 MiB limit).
 */
final class PeakHeap {
    private static final AtomicLong BEFORE_GC = new AtomicLong();
    private static final AtomicLong AFTER_GC = new AtomicLong();
    private static volatile boolean tracking;

    private PeakHeap() {
    }

    /** Starts listening to collections (once per JVM; a no-op where the notifications are missing). */
    static synchronized void track() {
        if (tracking) {
            return;
        }
        tracking = true;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GcInfo info = GarbageCollectionNotificationInfo
                                .from((CompositeData) notification.getUserData()).getGcInfo();
                        BEFORE_GC.accumulateAndGet(used(info.getMemoryUsageBeforeGc()), Math::max);
                        AFTER_GC.accumulateAndGet(used(info.getMemoryUsageAfterGc()), Math::max);
                    }
                }, null, null);
            }
        }
    }

    private static long used(Map<String, MemoryUsage> pools) {
        long total = 0;
        for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
            if (isHeap(pool.getKey())) {
                total += pool.getValue().getUsed();
            }
        }
        return total;
    }

    // GcInfo reports every pool, code cache and metaspace too; keep the heap's.
    private static boolean isHeap(String pool) {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .anyMatch(bean -> bean.getName().equals(pool) && bean.getType() == java.lang.management.MemoryType.HEAP);
    }

    /** Bytes: the most in use at any collection so far, or now if more. */
    static long bytes() {
        return Math.max(BEFORE_GC.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    /** Bytes: the most still live after a collection so far (0 before the first). */
    static long liveBytes() {
        return AFTER_GC.get();
    }

    static String describe() {
        return String.format(Locale.ROOT, "%.0f MiB in use, %.0f MiB live after collections (limit %.0f MiB)",
                bytes() / 1048576.0, liveBytes() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
    }
}
