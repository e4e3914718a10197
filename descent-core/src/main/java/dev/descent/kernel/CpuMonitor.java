package dev.descent.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many cores other processes used while a benchmark ran, from Linux {@code /proc} (the
 * same method as the peer baseline's {@code common.py}); {@code NaN} where {@code /proc} is
 * missing. Lets {@link GemmBenchmark} retry a measurement disturbed by, say, a build.
 */
final class CpuMonitor {
    /** Linux USER_HZ, the unit of /proc/stat; 100 on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100;

    private final long busyAtStart;
    private final long selfAtStart;
    private final long nanosAtStart;

    private CpuMonitor(long busy, long self) {
        this.busyAtStart = busy;
        this.selfAtStart = self;
        this.nanosAtStart = System.nanoTime();
    }

    static CpuMonitor start() {
        return new CpuMonitor(busyTicks(), selfTicks());
    }

    /** Cores used by other processes since {@link #start}, averaged over the elapsed time. */
    double foreignCores() {
        long busy = busyTicks();
        long self = selfTicks();
        if (busy < 0 || self < 0 || busyAtStart < 0 || selfAtStart < 0) {
            return Double.NaN;
        }
        double seconds = (System.nanoTime() - nanosAtStart) / 1e9;
        double foreign = ((busy - busyAtStart) - (self - selfAtStart)) / TICKS_PER_SECOND;
        return Math.max(0, foreign / seconds);
    }

    /** All CPUs' busy ticks: user + nice + system + irq + softirq + steal. */
    private static long busyTicks() {
        try {
            String[] f = Files.readString(Path.of("/proc/stat")).lines().findFirst().orElse("").trim().split("\\s+");
            long sum = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    sum += Long.parseLong(f[i]);
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** This process's utime + stime ticks. */
    private static long selfTicks() {
        try {
            String s = Files.readString(Path.of("/proc/self/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
