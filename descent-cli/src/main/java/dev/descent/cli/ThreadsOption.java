package dev.descent.cli;

import dev.descent.kernel.ComputeThreads;
import picocli.CommandLine.Option;

/** The {@code --threads} option shared by commands that compute. */
final class ThreadsOption {

    @Option(names = "--threads", paramLabel = "N",
            description = "Compute threads for the kernels (default: all ${sys:descent.cores} cores). "
                    + "Results are bit-identical whatever the count.")
    Integer threads;

    /** Applies the option and returns the thread count in effect. */
    int apply() {
        if (threads != null) {
            ComputeThreads.setThreads(threads);
        }
        return ComputeThreads.threads();
    }

    static {
        System.setProperty("descent.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }
}
