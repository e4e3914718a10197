package dev.descent.spark.bench;

import dev.descent.kernel.KernelProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/** Where the figures were measured: CPU, JDK, Spark, and which matrix kernels each side used. */
final class Machine {
    private Machine() {
    }

    static Map<String, Object> describe(JavaSparkContext spark) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu_model", cpuInfo("model name"));
        machine.put("cpu_family", cpuInfo("cpu family"));
        machine.put("cpu_model_number", cpuInfo("model"));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        machine.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        machine.put("spark_version", spark.version());
        machine.put("spark_master", spark.master());
        machine.put("descent_kernels", KernelProvider.selection());
        machine.put("mllib_native_blas", netlib("dev.ludovic.netlib.blas.NativeBLAS"));
        machine.put("mllib_java_blas", netlib("dev.ludovic.netlib.blas.JavaBLAS"));
        machine.put("openblas_num_threads", String.valueOf(System.getenv("OPENBLAS_NUM_THREADS")));
        return machine;
    }

    /** A field of the first processor in /proc/cpuinfo, e.g. {@code AMD EPYC}; "unknown" elsewhere. */
    private static String cpuInfo(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(field)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException absent) {
            // not Linux: say so in the report rather than fail the run
        }
        return "unknown";
    }

    /**
     * The BLAS implementation netlib (MLlib's linear algebra) loads, or why none; by reflection,
     * since it is only a transitive dependency of spark-mllib.
     */
    private static String netlib(String factory) {
        try {
            Object blas = Class.forName(factory).getMethod("getInstance").invoke(null);
            return blas.getClass().getName();
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return "unavailable: " + cause;
        }
    }
}
