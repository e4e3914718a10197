package dev.descent.kernel;

import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Chooses the {@link Kernels} implementation once per JVM, on first use.
 *
 * <p>The system property {@value #PROPERTY} selects: {@code auto} (default) uses the Vector API
 * kernels ({@code dev.descent.kernel.simd.VectorKernels}) when they can run fast and
 * {@link ScalarKernels} otherwise; {@code scalar} and {@code vector} force one. The vector
 * kernels need three things, each checked here without a hard dependency on the module that
 * provides it: the incubator module {@code jdk.incubator.vector} in the boot layer (it is not
 * there unless java runs with {@code --add-modules jdk.incubator.vector}); an optimising JIT
 * (interpreted or C1-only, the Vector API is 10–100× slower than plain loops) and FMA
 * instructions, read from the HotSpot flags when {@code jdk.management} is present; and a
 * successful reflective load of the class. Every reason to fall back is logged once as one line
 * that says what to do.
 *
 * <p>Modelled on Lucene's {@code VectorizationProvider}.
 */
public final class KernelProvider {
    /** System property: {@code auto}, {@code scalar} or {@code vector}. */
    public static final String PROPERTY = "descent.kernels";

    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_CLASS = "dev.descent.kernel.simd.VectorKernels";
    private static final Kernels SCALAR = new ScalarKernels();

    private KernelProvider() {
    }

    /**
     * The kernels chosen for this JVM.
     *
     * @throws IllegalArgumentException if {@value #PROPERTY} has an unknown value
     */
    public static Kernels kernels() {
        return Chosen.valid().kernels();
    }

    /** The scalar kernels, whatever was chosen (for tests and comparisons). */
    public static Kernels scalar() {
        return SCALAR;
    }

    /**
     * The Vector API kernels if they can be loaded in this JVM, whatever was chosen and however
     * fast they would run; otherwise null.
     */
    public static Kernels vectorOrNull() {
        return VectorLookup.RESULT.kernels();
    }

    /**
     * One line for logs and {@code descent info}, e.g.
     * {@code kernels: vector (Vector API, 16 float lanes, AVX-512, GEMM tile 8×32); threads: 2}, followed by the
     * reason when the scalar fallback was taken.
     */
    public static String selection() {
        Choice choice = Chosen.valid();
        String line = "kernels: " + choice.kernels().description() + "; threads: " + ComputeThreads.threads();
        return choice.note() == null ? line : line + " (" + choice.note() + ")";
    }

    /**
     * What was chosen and why. {@code note} is null for the normal choice, or the one line that
     * was logged at {@code level}.
     */
    record Choice(Kernels kernels, String note, Level level) {
    }

    /**
     * Lazy holder: the choice is made, and logged, on first use. An unknown property value is
     * kept as a choice without kernels, so that every call fails with the same message (an
     * exception escaping here would leave only {@code NoClassDefFoundError} for later calls).
     */
    private static final class Chosen {
        static final Choice CHOICE = chooseOnce();

        static {
            System.Logger log = System.getLogger(KernelProvider.class.getPackageName());
            if (CHOICE.note() != null) {
                log.log(CHOICE.level(), CHOICE.note());
            }
            if (CHOICE.kernels() != null) {
                log.log(Level.DEBUG, () -> "kernels: " + CHOICE.kernels().description());
            }
        }

        private static Choice chooseOnce() {
            try {
                return choose(System.getProperty(PROPERTY), () -> VectorLookup.RESULT, KernelProvider::compilerProblem);
            } catch (IllegalArgumentException e) {
                return new Choice(null, e.getMessage(), Level.ERROR);
            }
        }

        static Choice valid() {
            if (CHOICE.kernels() == null) {
                throw new IllegalArgumentException(CHOICE.note());
            }
            return CHOICE;
        }
    }

    /**
     * The decision, apart from the JVM it runs in (so tests can try every case).
     *
     * @param property value of {@value #PROPERTY}, null when unset
     * @param vector   the result of loading the vector kernels
     * @param compilerProblem why the JIT would make the vector kernels slow, or null
     * @throws IllegalArgumentException for an unknown property value
     */
    static Choice choose(String property, Supplier<VectorLookup> vector, Supplier<String> compilerProblem) {
        String mode = property == null ? "auto" : property.trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "", "auto" -> {
                VectorLookup v = vector.get();
                if (v.kernels() == null) {
                    return new Choice(SCALAR, v.problem() + "; using scalar kernels", Level.INFO);
                }
                String slow = compilerProblem.get();
                if (slow != null) {
                    return new Choice(SCALAR, slow + "; using scalar kernels", Level.INFO);
                }
                return new Choice(v.kernels(), null, Level.DEBUG);
            }
            case "scalar" -> {
                return new Choice(SCALAR, null, Level.DEBUG);
            }
            case "vector" -> {
                VectorLookup v = vector.get();
                if (v.kernels() == null) {
                    return new Choice(SCALAR, PROPERTY + "=vector but " + v.problem() + "; using scalar kernels",
                            Level.WARNING);
                }
                String slow = compilerProblem.get();
                if (slow != null) {
                    return new Choice(v.kernels(), PROPERTY + "=vector although " + slow, Level.WARNING);
                }
                return new Choice(v.kernels(), null, Level.DEBUG);
            }
            default -> throw new IllegalArgumentException(
                    PROPERTY + " must be auto, scalar or vector, got '" + property + "'");
        }
    }

    /** The vector kernels, or why they cannot be loaded (one line, saying what to do). */
    record VectorLookup(Kernels kernels, String problem) {
        static final VectorLookup RESULT = load();

        static VectorLookup load() {
            if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
                return new VectorLookup(null,
                        "Vector API not available: run java with --add-modules " + VECTOR_MODULE);
            }
            try {
                Class<?> type = Class.forName(VECTOR_CLASS);
                int lanes = (Integer) type.getMethod("lanes").invoke(null);
                if (lanes < 4) {
                    return new VectorLookup(null, "the CPU offers only " + lanes
                            + " float lanes to the Vector API (no usable SIMD)");
                }
                return new VectorLookup((Kernels) type.getConstructor().newInstance(), null);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                return new VectorLookup(null, "Vector API kernels failed to load (" + e
                        + "): check that descent-core is complete and the JDK is 17 or later");
            }
        }
    }

    /**
     * Why the JIT would make Vector API code slow, or null if it looks fine or cannot be told.
     * Reads HotSpot flags by reflection so that a runtime without {@code jdk.management} works.
     */
    static String compilerProblem() {
        if (System.getProperty("java.vm.info", "").contains("interpreted mode")) {
            return "the JVM runs interpreted (-Xint), which makes the Vector API very slow: drop -Xint";
        }
        if (ModuleLayer.boot().findModule("jdk.management").isEmpty()) {
            return null;
        }
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> beanType = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
            Object bean = factory.getMethod("getPlatformMXBean", Class.class).invoke(null, beanType);
            if (bean == null) {
                return null;
            }
            Method option = beanType.getMethod("getVMOption", String.class);
            Method value = Class.forName("com.sun.management.VMOption").getMethod("getValue");
            String tiered = flag(bean, option, value, "TieredCompilation");
            String stopAt = flag(bean, option, value, "TieredStopAtLevel");
            if ("true".equals(tiered) && stopAt != null && Integer.parseInt(stopAt) < 4) {
                return "the C2 compiler is off (-XX:TieredStopAtLevel=" + stopAt
                        + "), which makes the Vector API very slow: remove that option";
            }
            if ("false".equals(flag(bean, option, value, "UseCompiler"))) {
                return "the JIT compiler is off, which makes the Vector API very slow: remove -Xint or -XX:-UseCompiler";
            }
            if ("false".equals(flag(bean, option, value, "UseFMA"))) {
                return "the CPU or JVM does not use FMA instructions (-XX:-UseFMA?), which makes the vector"
                        + " kernels slow: remove -XX:-UseFMA or run on a CPU with FMA";
            }
            return null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null; // cannot tell: assume a normal HotSpot JVM
        }
    }

    private static String flag(Object bean, Method option, Method value, String name) {
        try {
            return (String) value.invoke(option.invoke(bean, name));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // flag unknown to this JVM
        }
    }
}
