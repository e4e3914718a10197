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
import dev.descent.experiment.DataChecksum;
import dev.descent.experiment.Reproduce;
import dev.descent.experiment.ResultsWriter;
import dev.descent.experiment.SuiteIndex;
import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--all", description = "Run every experiment, each into DIR/NAME, and write DIR/index.html.")
    boolean all;

    @Option(names = "--seeds", paramLabel = "N", description = "Seeds a comparative verdict is judged over"
            + " (default: 5, or 2 with --quick); run r uses seed S·N + r.")
    Integer seeds;

    @Option(names = "--list", description = "List the experiments with their claims.")
    boolean list;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/experiment-NAME-<time>,"
            + " or runs/experiments-<time> with --all).")
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
        if (list || (name == null && !all)) {
            outWriter.println("Experiments (descent experiment NAME):");
            for (String each : Experiments.names()) {
                outWriter.printf("  %-18s %s%n", each, Experiments.named(each).claim());
            }
            outWriter.flush();
            return 0;
        }
        if (all && name != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either an experiment NAME or --all,"
                    + " not both");
        }
        if (seeds != null && (seeds < 1 || seeds > 100)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seeds must be within 1 to 100, got "
                    + seeds + "; 5 is the default, 2 is the least that shows the noise");
        }
        List<Experiment> experiments = all ? Experiments.names().stream().map(Experiments::named).toList()
                : List.of(Experiments.named(name));
        int threads = threadsOption.apply();
        Path directory = out != null ? out : freshDirectory(all ? "experiments" : "experiment-" + name);
        requireWritable(directory); // before the run, not after its minutes of work
        Dataset data;
        String source;
        if (quick) {
            data = BuiltInDatasets.load(BuiltInDatasets.DIGITS);
            source = "built-in digits (1 797 × 64), quick mode";
        } else {
            try {
                Path dataDirectory = locator.locate("fashion-mnist", MnistLayout.FILES, dataDir);
                data = MnistLayout.loadTrain(dataDirectory, "fashion-mnist");
                source = "fashion-mnist train set (" + dataDirectory + ")";
            } catch (DataException absent) {
                if (dataDir != null) {
                    throw absent;
                }
                outWriter.println("descent: Fashion-MNIST not found, so the experiments run on the built-in digits"
                        + " (1 797 examples); install it with 'sudo apt-get install dataset-fashion-mnist' or pass"
                        + " --data-dir.");
                data = BuiltInDatasets.load(BuiltInDatasets.DIGITS);
                source = "built-in digits (Fashion-MNIST not found)";
            }
        }
        Reproduce reproduce = new Reproduce(commandLine(), VersionProvider.version(), SourceCommit.find(),
                threads, DataChecksum.of(data));
        int seedCount = seeds != null ? seeds : quick ? 2 : ExperimentContext.DEFAULT_SEEDS;
        ExperimentContext suite = new ExperimentContext(directory, seed, quick, data, source, outWriter, seedCount,
                reproduce);
        outWriter.println("data: " + source);
        List<SuiteIndex.Entry> entries = new ArrayList<>();
        for (Experiment experiment : experiments) {
            ExperimentContext context = all
                    ? new ExperimentContext(directory.resolve(experiment.name()), seed, quick, data, source, outWriter,
                            seedCount, reproduce)
                    : suite;
            outWriter.println("experiment " + experiment.name() + ": " + experiment.claim());
            outWriter.flush();
            long start = System.nanoTime();
            Results results = experiment.run(context);
            double seconds = (System.nanoTime() - start) / 1e9;
            Path report = ResultsWriter.write(results, context, seconds, all);
            printResults(outWriter, results, report, seconds);
            if (all) {
                entries.add(SuiteIndex.Entry.of(results, report, seconds));
                // after every experiment, so a suite stopped halfway still has an index of what ran
                Path index = SuiteIndex.write(directory, entries, suite);
                if (entries.size() == experiments.size()) {
                    outWriter.printf(Locale.ROOT, "index    %s%n", index);
                }
            }
        }
        outWriter.flush();
        return 0;
    }

    private static void printResults(PrintWriter outWriter, Results results, Path report, double seconds) {
        outWriter.println();
        for (Finding f : results.findings()) {
            if (f.overSeeds()) {
                outWriter.printf(Locale.ROOT, "  %-62s %12.5g ± %.2g %s (%d seeds)%n", f.name(), f.value(),
                        f.standardError(), f.unit(), f.seeds());
            } else {
                outWriter.printf(Locale.ROOT, "  %-62s %12.5g %s%n", f.name(), f.value(), f.unit());
            }
        }
        outWriter.println();
        outWriter.println(results.outcome().label().toUpperCase(Locale.ROOT) + ": " + results.verdict());
        outWriter.printf(Locale.ROOT, "report   %s (%.1f s)%n", report, seconds);
        outWriter.println();
        outWriter.flush();
    }

    /** The command as the user would type it again, e.g. {@code ./descent experiment schedules --seeds 5}. */
    private String commandLine() {
        // the parse result's original arguments are the whole command line, the subcommand's name included
        StringBuilder b = new StringBuilder("./descent");
        for (String arg : spec.commandLine().getParseResult().originalArgs()) {
            b.append(' ').append(arg.matches("[A-Za-z0-9_./:=@+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return b.toString();
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

    private static Path freshDirectory(String prefix) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path directory = Path.of("runs").resolve(prefix + "-" + stamp);
        for (int i = 2; Files.exists(directory); i++) {
            directory = Path.of("runs").resolve(prefix + "-" + stamp + "-" + i);
        }
        return directory;
    }
}
