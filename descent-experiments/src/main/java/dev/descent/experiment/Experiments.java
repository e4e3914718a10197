package dev.descent.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Every experiment by name, in the order of the lectures. */
public final class Experiments {
    private static final Map<String, Supplier<Experiment>> ALL = new LinkedHashMap<>();

    static {
        register(GdVsSgdExperiment::new);
        register(SgdNoiseExperiment::new);
        register(BatchNoiseExperiment::new);
        register(LearningRateExperiment::new);
        register(MomentumExperiment::new);
        register(SchedulesExperiment::new);
        register(RegularizationExperiment::new);
        register(ClosedFormExperiment::new);
        register(LandscapeExperiment::new);
        register(ModeConnectivityExperiment::new);
    }

    private Experiments() {
    }

    private static void register(Supplier<Experiment> factory) {
        ALL.put(factory.get().name(), factory);
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /**
     * The experiment called {@code name}.
     *
     * @throws IllegalArgumentException naming the known experiments when there is none
     */
    public static Experiment named(String name) {
        Supplier<Experiment> factory = ALL.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("no experiment named '" + name + "'; the experiments are: "
                    + String.join(", ", ALL.keySet()));
        }
        return factory.get();
    }
}
