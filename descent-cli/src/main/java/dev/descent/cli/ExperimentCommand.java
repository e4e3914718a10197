package dev.descent.cli;

import dev.descent.data.BuiltInDatasets;
import dev.descent.data.DataException;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetLocator;
import dev.descent.data.MnistLayout;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentContext;
import dev.descent.experiment.Experiments;
import dev.descent.experiment.Finding;
import dev.descent.experiment.Results;
import dev.descent.experiment.ResultsWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code descent experiment NAME}: runs one of the lectures' claims as an experiment and leaves
 * {@code results.json}, CSV series, PNG/SVG plots and {@code report.html} in its directory.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Reproduce a claim about gradient-based learning: numbers, plots and a report.")
final class ExperimentCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "The experiment (omit, or --list, to list them).")
    String name;

    @Option(names = "--list", description = "List the experiments with their claims.")
    boolean list;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/experiment-NAME-<time>).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of every random choice.")
    long seed;

    @Option(names = "--quick", description = "Tiny sizes on the built-in digits: checks the code path in seconds; the figures mean nothing.")
    boolean quick;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Fashion-MNIST directory (default: searched).")
    Path dataDir;

    @Mixin
    ThreadsOption threadsOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final DatasetLocator locator;

    ExperimentCommand() {
        this(DatasetLocator.fromSystem());
    }

    ExperimentCommand(DatasetLocator locator) {
        this.locator = locator;
    }

    @Override
    public Integer call() {
        PrintWriter outWriter = spec.commandLine().getOut();
        if (list || name == null) {
            outWriter.println("Experiments (descent experiment NAME):");
            for (String each : Experiments.names()) {
                outWriter.printf("  %-18s %s%n", each, Experiments.named(each).claim());
            }
            outWriter.flush();
            return 0;
        }
        Experiment experiment = Experiments.named(name);
        threadsOption.apply();
        Dataset data;
        String source;
        if (quick) {
            data = BuiltInDatasets.load(BuiltInDatasets.DIGITS);
            source = "built-in digits (1 797 × 64), quick mode";
        } else {
            try {
                Path directory = locator.locate("fashion-mnist", MnistLayout.FILES, dataDir);
                data = MnistLayout.loadTrain(directory, "fashion-mnist");
                source = "fashion-mnist train set (" + directory + ")";
            } catch (DataException absent) {
                if (dataDir != null) {
                    throw absent;
                }
                outWriter.println("descent: Fashion-MNIST not found, so this experiment runs on the built-in digits"
                        + " (1 797 examples); install it with 'sudo apt-get install dataset-fashion-mnist' or pass"
                        + " --data-dir.");
                data = BuiltInDatasets.load(BuiltInDatasets.DIGITS);
                source = "built-in digits (Fashion-MNIST not found)";
            }
        }
        Path directory = out != null ? out : freshDirectory(name);
        requireWritable(directory); // before the run, not after its minutes of work
        ExperimentContext context = new ExperimentContext(directory, seed, quick, data, source, outWriter);
        outWriter.println("experiment " + name + ": " + experiment.claim());
        outWriter.println("data: " + source);
        outWriter.flush();
        long start = System.nanoTime();
        Results results = experiment.run(context);
        double seconds = (System.nanoTime() - start) / 1e9;
        Path report = ResultsWriter.write(results, context, seconds);

        outWriter.println();
        for (Finding f : results.findings()) {
            outWriter.printf(Locale.ROOT, "  %-62s %12.5g %s%n", f.name(), f.value(), f.unit());
        }
        outWriter.println();
        outWriter.println((results.supported() ? "SUPPORTED: " : "NOT SUPPORTED: ") + results.verdict());
        outWriter.printf(Locale.ROOT, "report   %s (%.1f s)%n", report, seconds);
        outWriter.flush();
        return 0;
    }

    private static void requireWritable(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot create the output directory " + directory + " (" + e
                    + "); pass a writable one with --out DIR");
        }
        if (!Files.isWritable(directory)) {
            throw new IllegalArgumentException("the output directory " + directory + " is not writable; pass a"
                    + " writable one with --out DIR");
        }
    }

    private static Path freshDirectory(String name) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path directory = Path.of("runs").resolve("experiment-" + name + "-" + stamp);
        for (int i = 2; Files.exists(directory); i++) {
            directory = Path.of("runs").resolve("experiment-" + name + "-" + stamp + "-" + i);
        }
        return directory;
    }
}
