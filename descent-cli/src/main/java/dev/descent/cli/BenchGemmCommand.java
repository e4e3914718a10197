package dev.descent.cli;

import dev.descent.kernel.GemmBenchmark;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code descent bench gemm}: sgemm GFLOP/s on the MLP's shapes. */
@Command(name = "gemm", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Matrix-product throughput (GFLOP/s) on the FMNIST-MLP's shapes, median of 15 samples.")
final class BenchGemmCommand implements Callable<Integer> {

    @Option(names = "--kernels", defaultValue = "selected", paramLabel = "WHICH",
            description = "selected (what this JVM uses), scalar, vector or both.")
    String which;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", paramLabel = "LIST",
            description = "Thread counts to measure.")
    int[] threadCounts;

    @Option(names = "--batch", split = ",", defaultValue = "64,256", paramLabel = "LIST",
            description = "Batch sizes whose forward, weight-gradient and input-gradient products to measure.")
    int[] batches;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Kernels> kernels = new ArrayList<>();
        switch (which) {
            case "selected" -> kernels.add(KernelProvider.kernels());
            case "scalar" -> kernels.add(KernelProvider.scalar());
            case "vector", "both" -> {
                Kernels vector = KernelProvider.vectorOrNull();
                if (vector == null) {
                    throw new IllegalStateException("--kernels " + which + ": " + KernelProvider.selection());
                }
                kernels.add(vector);
                if (which.equals("both")) {
                    kernels.add(KernelProvider.scalar());
                }
            }
            default -> throw new IllegalArgumentException("--kernels must be selected, scalar, vector or both, got "
                    + which);
        }
        for (int t : threadCounts) {
            if (t < 1) {
                throw new IllegalArgumentException("--threads: every count must be ≥ 1, got " + t);
            }
        }
        List<GemmBenchmark.Shape> shapes = new ArrayList<>();
        for (int b : batches) {
            if (b < 1) {
                throw new IllegalArgumentException("--batch: every size must be ≥ 1, got " + b);
            }
            shapes.addAll(GemmBenchmark.mlpShapes(b));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("JDK " + System.getProperty("java.version") + " · " + KernelProvider.selection());
        GemmBenchmark.printTable(kernels, threadCounts, shapes, out);
        return 0;
    }
}
