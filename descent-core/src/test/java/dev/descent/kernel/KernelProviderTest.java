package dev.descent.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class KernelProviderTest {
    /** Stands in for the vector kernels: any instance other than {@link KernelProvider#scalar()}. */
    private static final Kernels FAKE_VECTOR = new ScalarKernels();
    private static final Supplier<KernelProvider.VectorLookup> AVAILABLE =
            () -> new KernelProvider.VectorLookup(FAKE_VECTOR, null);
    private static final Supplier<KernelProvider.VectorLookup> MISSING = () -> new KernelProvider.VectorLookup(null,
            "Vector API not available: run java with --add-modules jdk.incubator.vector");
    private static final Supplier<String> FAST_JIT = () -> null;
    private static final Supplier<String> C1_ONLY = () -> "the C2 compiler is off (-XX:TieredStopAtLevel=1),"
            + " which makes the Vector API very slow: remove that option";

    @Test
    void autoPrefersVectorKernels() {
        for (String property : new String[] {null, "", "auto", " AUTO "}) {
            KernelProvider.Choice choice = KernelProvider.choose(property, AVAILABLE, FAST_JIT);
            assertThat(choice.kernels()).isSameAs(FAKE_VECTOR);
            assertThat(choice.note()).isNull();
        }
    }

    @Test
    void autoFallsBackWithOneLineSayingWhatToDo() {
        KernelProvider.Choice missing = KernelProvider.choose("auto", MISSING, FAST_JIT);
        assertThat(missing.kernels()).isSameAs(KernelProvider.scalar());
        assertThat(missing.level()).isEqualTo(Level.INFO);
        assertThat(missing.note()).isEqualTo(
                "Vector API not available: run java with --add-modules jdk.incubator.vector; using scalar kernels");

        KernelProvider.Choice slow = KernelProvider.choose(null, AVAILABLE, C1_ONLY);
        assertThat(slow.kernels()).isSameAs(KernelProvider.scalar());
        assertThat(slow.note()).isEqualTo("the C2 compiler is off (-XX:TieredStopAtLevel=1), which makes the"
                + " Vector API very slow: remove that option; using scalar kernels").doesNotContain("\n");
    }

    @Test
    void scalarCanBeForced() {
        KernelProvider.Choice choice = KernelProvider.choose("scalar", AVAILABLE, FAST_JIT);
        assertThat(choice.kernels()).isSameAs(KernelProvider.scalar());
        assertThat(choice.note()).isNull();
    }

    @Test
    void forcedVectorWarnsWhenItCannotBeHonoured() {
        KernelProvider.Choice missing = KernelProvider.choose("vector", MISSING, FAST_JIT);
        assertThat(missing.kernels()).isSameAs(KernelProvider.scalar());
        assertThat(missing.level()).isEqualTo(Level.WARNING);
        assertThat(missing.note()).isEqualTo("descent.kernels=vector but Vector API not available: run java with"
                + " --add-modules jdk.incubator.vector; using scalar kernels");

        KernelProvider.Choice slow = KernelProvider.choose("Vector", AVAILABLE, C1_ONLY);
        assertThat(slow.kernels()).isSameAs(FAKE_VECTOR);
        assertThat(slow.level()).isEqualTo(Level.WARNING);
        assertThat(slow.note()).startsWith("descent.kernels=vector although the C2 compiler is off");
    }

    @Test
    void unknownValueIsAnError() {
        assertThatThrownBy(() -> KernelProvider.choose("vectr", AVAILABLE, FAST_JIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("descent.kernels must be auto, scalar or vector, got 'vectr'");
    }

    @Test
    void vectorKernelsAreAvailableWhenTheModuleIs() {
        Assumptions.assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "run without --add-modules jdk.incubator.vector: the vector kernels are not tested");
        assertThat(KernelProvider.vectorOrNull()).isNotNull();
        assertThat(KernelProvider.vectorOrNull().name()).isEqualTo("vector");
    }

    @Test
    void selectionIsOneLine() {
        assertThat(KernelProvider.selection())
                .startsWith("kernels: " + KernelProvider.kernels().description() + "; threads: ")
                .doesNotContain("\n");
        assertThat(KernelProvider.scalar().name()).isEqualTo("scalar");
    }

    // --- real JVMs: what a user sees -------------------------------------------------------

    @Test
    void withoutTheModuleAChildJvmUsesScalarAndSaysWhy() throws Exception {
        Child child = Child.run(List.of());
        assertThat(child.stdout()).contains("kernels: scalar (plain Java loops); threads: ")
                .contains("(Vector API not available: run java with --add-modules jdk.incubator.vector;"
                        + " using scalar kernels)")
                .contains("name=scalar");
        assertThat(child.stderr()).contains(
                "Vector API not available: run java with --add-modules jdk.incubator.vector; using scalar kernels");
    }

    @Test
    void withTheModuleAChildJvmUsesVector() throws Exception {
        Assumptions.assumeTrue(KernelProvider.vectorOrNull() != null, "Vector API unavailable here");
        Child child = Child.run(List.of("--add-modules", "jdk.incubator.vector"));
        assertThat(child.stdout()).contains("kernels: vector (Vector API, ").contains("name=vector")
                .doesNotContain("using scalar");
    }

    @Test
    void withC1OnlyOrInterpretedAChildJvmUsesScalar() throws Exception {
        Assumptions.assumeTrue(KernelProvider.vectorOrNull() != null, "Vector API unavailable here");
        Child c1 = Child.run(List.of("--add-modules", "jdk.incubator.vector", "-XX:TieredStopAtLevel=1"));
        assertThat(c1.stdout()).contains("name=scalar").contains("(the C2 compiler is off (-XX:TieredStopAtLevel=1)");
        Child interpreted = Child.run(List.of("--add-modules", "jdk.incubator.vector", "-Xint"));
        assertThat(interpreted.stdout()).contains("name=scalar").contains("(the JVM runs interpreted (-Xint)");
    }

    @Test
    void thePropertyReachesAChildJvm() throws Exception {
        Child scalar = Child.run(List.of("--add-modules", "jdk.incubator.vector", "-Ddescent.kernels=scalar"));
        assertThat(scalar.stdout()).contains("name=scalar").doesNotContain("Vector API");
        Child forced = Child.run(List.of("-Ddescent.kernels=vector"));
        assertThat(forced.stdout()).contains("name=scalar");
        assertThat(forced.stderr()).contains("WARNING").contains("descent.kernels=vector but Vector API not available");
        Child bad = Child.run(List.of("-Ddescent.kernels=fast"));
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("descent.kernels must be auto, scalar or vector, got 'fast'");
    }

    private record Child(int exitCode, String stdout, String stderr) {
        static Child run(List<String> jvmOptions) throws IOException, InterruptedException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classPath = location(KernelProvider.class) + File.pathSeparator + location(SelectionMain.class);
            List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=4"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", classPath, SelectionMain.class.getName()));
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Child(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        }

        private static String location(Class<?> type) {
            try {
                return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
