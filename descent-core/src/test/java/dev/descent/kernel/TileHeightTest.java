package dev.descent.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The vector GEMM's register-tile height is chosen when its class loads, by CPU and JDK
 * ({@code -Ddescent.gemm.mr} overrides it), so one JVM sees only one. Each height runs here in a
 * child JVM over the same products, and all must give the same bits: a model trained on JDK 17
 * (6 rows on AVX2) and on JDK 25 (4 rows) is the same model.
 */
class TileHeightTest {

    @Test
    void everyTileHeightGivesTheSameBits() throws Exception {
        assumeTrue(KernelProvider.kernels().name().equals("vector"),
                "run without --add-modules jdk.incubator.vector: the vector kernels are not tested");
        String here = "digest=" + GemmDigestMain.digest();
        for (int rows : new int[] {4, 6, 8}) {
            String child = runChild(rows);
            assertThat(child).as("tile of %d rows", rows).contains("GEMM tile " + rows + "×").contains(here);
        }
    }

    private static String runChild(int rows) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = location(KernelProvider.class) + File.pathSeparator + location(GemmDigestMain.class);
        List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "-Ddescent.gemm.mr=" + rows, "-cp", classPath, GemmDigestMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
