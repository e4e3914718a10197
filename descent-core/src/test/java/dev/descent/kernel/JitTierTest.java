package dev.descent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A kernel's result must not depend on whether its code was interpreted or compiled: on JDK 25
 * {@code reduceLanes(ADD)} summed in a different order after C2 compiled it. Checked in a fresh
 * child JVM, where the first calls are surely interpreted.
 */
class JitTierTest {
    @ParameterizedTest
    @ValueSource(strings = {"vector", "scalar"})
    void resultsAreTheSameBeforeAndAfterJitCompilation(String kernels) throws Exception {
        if (kernels.equals("vector")) {
            Assumptions.assumeTrue(KernelProvider.vectorOrNull() != null, "Vector API unavailable here");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = location(KernelProvider.class) + File.pathSeparator + location(JitTierMain.class);
        Process process = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector",
                "-cp", classPath, JitTierMain.class.getName(), kernels)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).endsWith("same\n");
    }

    private static String location(Class<?> type) throws java.net.URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
