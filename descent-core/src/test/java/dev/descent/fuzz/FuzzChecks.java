package dev.descent.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The property every reader fuzz test checks: an input either parses, or the reader throws one
 * of its documented exception types with a non-empty message. Any other throwable (a
 * NullPointerException, an index out of bounds, an OutOfMemoryError from a huge declared size,
 * a StackOverflowError) escapes and is a finding.
 */
final class FuzzChecks {
    private FuzzChecks() {
    }

    /** The code under test. */
    @FunctionalInterface
    interface Read {
        void run() throws Exception;
    }

    /** Runs {@code read}; the documented exceptions pass if their message says something. */
    @SafeVarargs
    static void parsesOrThrowsOnly(Read read, Class<? extends Throwable>... documented) {
        try {
            read.run();
        } catch (Throwable t) {
            for (Class<? extends Throwable> type : documented) {
                if (type.isInstance(t)) {
                    String message = t.getMessage();
                    if (message == null || message.isBlank()) {
                        throw new AssertionError("documented " + t.getClass().getName() + " without a message", t);
                    }
                    return;
                }
            }
            throw FuzzChecks.<RuntimeException>sneaky(t);
        }
    }

    /** Writes {@code bytes} to {@code file} (for the readers that take a path). */
    static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh temporary directory, deleted at JVM exit with what it holds. */
    static Path temporaryDirectory(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException ignored) {
                    // best effort
                }
            }));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
