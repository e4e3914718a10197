package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.kernel.KernelProvider;
import dev.descent.tensor.Tensor;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The convolution, pooling and batch norm on the scalar fallback kernels (a child JVM with
 * {@code -Ddescent.kernels=scalar}) against the Vector API kernels of this JVM: every output and
 * gradient within 1e-5 of its largest magnitude (the products sum in other orders, so the bits
 * may differ).
 */
class ScalarKernelsCnnTest {

    @Test
    void scalarAndVectorKernelsGiveTheSameConvolutionsPoolingAndBatchNorm() throws Exception {
        assumeTrue(KernelProvider.kernels().name().equals("vector"),
                "run with --add-modules jdk.incubator.vector: there are no vector kernels to compare with");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = location(KernelProvider.class) + File.pathSeparator + location(CnnOpsValuesMain.class);
        Process process = new ProcessBuilder(List.of(java, "-D" + KernelProvider.PROPERTY + "=scalar", "-cp",
                classPath, CnnOpsValuesMain.class.getName())).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("kernels=scalar");

        Map<String, Tensor> vector = CnnOpsValuesMain.values();
        int compared = 0;
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("case") || eq < 0) {
                continue;
            }
            Tensor expected = vector.get(line.substring(0, eq));
            String[] bits = line.substring(eq + 1).split(",");
            float[] scalar = new float[expected.size()];
            assertThat(bits).as(line.substring(0, eq)).hasSize(scalar.length);
            for (int i = 0; i < scalar.length; i++) {
                scalar[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(bits[i], 16));
            }
            GoldenTensors.assertClose(line.substring(0, eq), Tensor.wrap(scalar, expected.shape()), expected, 1e-5);
            compared++;
        }
        assertThat(compared).isEqualTo(vector.size());
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
