package dev.descent.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ComputeThreadsTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @AfterEach
    void restoreThreads() {
        ComputeThreads.setThreads(CORES);
    }

    @Test
    void defaultsToTheNumberOfCores() {
        assertThat(ComputeThreads.threads()).isEqualTo(CORES);
    }

    @Test
    void rejectsThreadCountsOutsideTheRange() {
        for (int bad : new int[] {0, -3, 4 * CORES + 1}) {
            assertThatThrownBy(() -> ComputeThreads.setThreads(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("threads must be in [1, " + 4 * CORES + "] (4 × " + CORES + " cores), got " + bad);
        }
        ComputeThreads.setThreads(4 * CORES);
        assertThat(ComputeThreads.threads()).isEqualTo(4 * CORES);
    }

    @Test
    void runsEveryPartExactlyOnce() {
        for (int threads = 1; threads <= 3; threads++) {
            ComputeThreads.setThreads(threads);
            for (int parts = 0; parts <= 7; parts++) {
                for (int call = 0; call < 50; call++) {
                    AtomicIntegerArray counts = new AtomicIntegerArray(Math.max(parts, 1));
                    ComputeThreads.run(parts, counts::incrementAndGet);
                    for (int p = 0; p < parts; p++) {
                        assertThat(counts.get(p)).as("part %d of %d, %d threads", p, parts, threads).isEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void rethrowsAFailedPartAfterAllPartsEndedAndStaysUsable() {
        ComputeThreads.setThreads(2);
        AtomicIntegerArray done = new AtomicIntegerArray(4);
        assertThatThrownBy(() -> ComputeThreads.run(4, part -> {
            if (part == 1) {
                throw new IllegalStateException("part 1 failed");
            }
            done.incrementAndGet(part);
        })).isInstanceOf(IllegalStateException.class).hasMessage("part 1 failed");
        assertThat(done.get(0) + done.get(2) + done.get(3)).isEqualTo(3);
        AtomicIntegerArray counts = new AtomicIntegerArray(2);
        ComputeThreads.run(2, counts::incrementAndGet);
        assertThat(counts.get(0) + counts.get(1)).isEqualTo(2);
    }

    @Test
    void usesAWorkerThreadWhenAllowed() throws InterruptedException {
        ComputeThreads.setThreads(2);
        // Part 0 waits until part 1 has run: only possible if two threads take part.
        CountDownLatch second = new CountDownLatch(1);
        AtomicReference<String> worker = new AtomicReference<>();
        ComputeThreads.run(2, part -> {
            if (part == 1) {
                worker.set(Thread.currentThread().getName());
                second.countDown();
            } else {
                try {
                    assertThat(second.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        assertThat(worker.get()).isNotNull();
    }

    @Test
    void aReentrantCallRunsInline() {
        ComputeThreads.setThreads(2);
        AtomicIntegerArray inner = new AtomicIntegerArray(2 * 3);
        ComputeThreads.run(2, outer -> ComputeThreads.run(3, part -> inner.incrementAndGet(outer * 3 + part)));
        for (int i = 0; i < 6; i++) {
            assertThat(inner.get(i)).isEqualTo(1);
        }
    }
}
