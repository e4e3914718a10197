package dev.descent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.descent.cli.config.ConfigWriter;
import dev.descent.cli.config.RunConfig;
import dev.descent.cli.config.SearchDimension;
import dev.descent.cli.config.SearchSpace;
import dev.descent.cli.config.SearchValue;
import dev.descent.cli.config.TuneFile;
import dev.descent.data.DatasetLocator;
import dev.descent.random.Rng;
import dev.descent.train.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code descent tune CONFIG}: a hyper-parameter search. CONFIG is a run configuration plus a
 * {@code search} section ({@link TuneFile}); each trial trains on the training split and is
 * scored on the validation split, never touching the test split. The best configuration is then
 * retrained (training is deterministic, so it gets the trial's weights again) and evaluated on the
 * test split, once. Leaves {@code trials.csv} (a row per trial, written as each ends),
 * {@code results.html}, {@code plots/}, {@code base.yaml}, {@code best.yaml}, {@code summary.json},
 * each trial's run in {@code trials/NNN/} and the retrained best in {@code best-run/}.
 *
 * <p>Every trial trains with the configuration's {@code training.seed}: the seed also draws the
 * validation and test splits of data without an official test split, so one seed keeps every
 * trial on the same validation split and the test split unseen, and trials differ only in the
 * searched values. {@code --seed} seeds the random search's draws.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Search hyper-parameters: train one run per configuration of CONFIG's search section, score each"
                + " on the validation split, then retrain the best and evaluate it on the test split once.",
                "CONFIG is a run configuration (as for train --config) plus a search section; see examples/tune/"
                        + " and docs/tune.md."})
final class TuneCommand implements Callable<Integer> {
    /** Grids larger than this need {@code --trials} to run a subset. */
    static final int GRID_LIMIT = 1000;
    /** Built on first use: picocli creates every subcommand whatever the command, and Jackson takes 0.1–0.3 s to start. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./=:,+@%-]+");

    @Parameters(index = "0", paramLabel = "CONFIG", description = "A run configuration with a search section.")
    Path configFile;

    @Option(names = "--search", paramLabel = "grid|random",
            description = "grid: every combination of the listed values (default); random: --trials draws, lists and"
                    + " ranges ({uniform|log_uniform|int_uniform: [low, high]}) alike.")
    String search = "grid";

    @Option(names = "--trials", paramLabel = "N",
            description = "random: how many configurations to draw (required); grid: run N points of the grid, chosen"
                    + " with --seed, instead of all (needed beyond " + GRID_LIMIT + ").")
    Integer trials;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the random search's draws and of a grid subset (default 1). Trials train with the"
                    + " configuration's training.seed.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to put the results (default: <run.dir>/tune-<timestamp>, run.dir being runs unless"
                    + " the configuration says otherwise).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final DatasetLocator locator;

    TuneCommand() {
        this(DatasetLocator.fromSystem());
    }

    /** With a given search for data sets (tests use one that finds nothing). */
    TuneCommand(DatasetLocator locator) {
        this.locator = locator;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (!search.equals("grid") && !search.equals("random")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--search: expected grid or random, got '"
                    + search + "'");
        }
        if (trials != null && trials < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--trials: expected at least 1, got " + trials);
        }
        TuneFile tune = TuneFile.load(configFile);
        RunConfig base = tune.base();
        TrainingRun.checkTunable(base);
        SearchSpace space = tune.space();
        List<List<SearchValue>> points = plan(tune);
        List<RunConfig> configs = points.stream().map(tune::configAt).toList(); // every point checked before training
        boolean classification = base.task() == RunConfig.Task.CLASSIFICATION;

        Path directory = outputDirectory(base);
        Path baseFile = directory.resolve("base.yaml");
        write(baseFile, tune.baseYaml());
        TrialsCsv csv = TrialsCsv.create(directory.resolve("trials.csv"), space.keys());
        String mode = search.equals("grid") ? "grid search" : "random search (--seed " + seed + ")";
        stdout.printf(Locale.ROOT, "tune     %s: %s, %d %s over %s%n", tune.source(), mode, points.size(),
                points.size() == 1 ? "trial" : "trials", tune.describe());
        stdout.println("score    " + (classification ? "validation accuracy" : "validation loss (mean squared error)")
                + " of each trial's final model; every trial trains with training.seed " + base.training().seed()
                + " (the same splits); the test split waits until the search is over");
        stdout.println("out      " + directory + " (trials.csv as trials end; trial runs in trials/NNN/)");
        stdout.println();
        TrialLines lines = new TrialLines(space, points, classification);
        stdout.println(lines.header());
        stdout.flush();

        long start = System.nanoTime();
        List<TuneTrial> done = new ArrayList<>();
        TuneTrial best = null;
        for (int i = 0; i < points.size(); i++) {
            TuneTrial trial;
            try {
                trial = runTrial(i + 1, points.get(i), configs.get(i), directory.resolve("trials")
                        .resolve(String.format(Locale.ROOT, "%03d", i + 1)));
            } catch (RuntimeException e) {
                stdout.println("stopped  trial " + (i + 1) + " failed; the " + done.size() + " finished "
                        + (done.size() == 1 ? "trial is" : "trials are") + " in " + directory.resolve("trials.csv"));
                stdout.flush();
                throw e;
            }
            csv.append(trial);
            done.add(trial);
            boolean newBest = trial.beats(best, classification);
            if (newBest) {
                best = trial;
            }
            stdout.println(lines.row(trial, newBest));
            stdout.flush();
        }
        double searchSeconds = (System.nanoTime() - start) / 1e9;
        stdout.println();

        Map<String, String> facts = facts(tune, points.size(), done, base, classification, directory, searchSeconds);
        Path plotDirectory = directory.resolve("plots");
        List<ComparisonPlots.Plot> plots = TunePlots.draw(space, done, best, classification, plotDirectory);
        for (ComparisonPlots.Plot plot : plots) {
            if (plot.png() == null) {
                stdout.println("note     plot \"" + plot.title() + "\" not drawn: " + plot.failure());
            }
        }
        String generated = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        if (best == null) {
            write(directory.resolve("results.html"), TunePage.html(tune.source(), facts, space.keys(), done, null,
                    classification, "", "", plots, generated));
            throw new IllegalStateException("every trial diverged (the loss or a gradient became NaN or infinite);"
                    + " search smaller learning rates. The trials are in " + directory.resolve("trials.csv"));
        }

        List<String> sets = space.overrides(best.values());
        String rerun = "./descent train --config " + shell(baseFile.toString()) + sets.stream()
                .map(s -> " --set " + shell(s)).collect(Collectors.joining());
        ConfigWriter.write(best.config(), directory.resolve("best.yaml"));
        stdout.println("best     trial " + best.number() + ": " + String.join(" ", sets) + " · "
                + TunePage.score(best, classification));
        stdout.println("rerun    " + rerun);
        stdout.flush();

        Path bestRun = directory.resolve("best-run");
        Map<String, Object> test = retrain(best, bestRun);
        boolean identical = sameBytes(best.directory().resolve("model.safetensors"),
                bestRun.resolve("model.safetensors"));
        double retrainSeconds = number(test, "retrain_seconds");
        String testText = testText(test) + " · retrained in " + String.format(Locale.ROOT,
                retrainSeconds < 10 ? "%.2f s" : "%.1f s", retrainSeconds) + (identical ? "; the weights equal trial "
                + best.number() + "'s bit for bit" : "; note: the weights differ from trial " + best.number()
                + "'s (a time limit or early stopping on time can do that)");
        stdout.println("test     " + testText + " (the test split's one evaluation; run in " + bestRun + ")");

        write(directory.resolve("results.html"), TunePage.html(tune.source(), facts, space.keys(), done, best,
                classification, rerun, testText, plots, generated));
        writeSummary(directory, tune, base, points.size(), done, best, sets, rerun, test, identical, searchSeconds);
        stdout.println("out      " + directory + " (trials.csv, results.html, plots/, best.yaml, base.yaml,"
                + " summary.json, trials/, best-run/)");
        stdout.flush();
        return 0;
    }

    // ---------------------------------------------------------------- the points to try

    private List<List<SearchValue>> plan(TuneFile tune) {
        SearchSpace space = tune.space();
        if (search.equals("random")) {
            if (trials == null) {
                throw new IllegalArgumentException("--search random needs --trials N, the number of configurations to"
                        + " draw, e.g. --trials 20");
            }
            List<List<SearchValue>> points = space.draw(trials, seed);
            if (points.size() < trials) {
                spec.commandLine().getOut().println("note     the search space holds only " + points.size()
                        + " distinct configurations; running each once");
            }
            return points;
        }
        for (SearchDimension d : space.dimensions()) {
            if (d.isRange()) {
                throw new IllegalArgumentException(tune.source() + ": search." + d.key() + " is a range ("
                        + d.describe() + "), which has no grid points; list the values to try, e.g. " + d.key()
                        + ": [" + example(d) + "], or draw from the range with --search random --trials N");
            }
        }
        long size = space.gridSize();
        String shape = space.dimensions().stream().map(d -> Integer.toString(d.choices().size()))
                .collect(Collectors.joining(" × "));
        if (trials == null && size > GRID_LIMIT) {
            throw new IllegalArgumentException(tune.source() + ": the grid has " + (size == Long.MAX_VALUE
                    ? "more than " + Long.MAX_VALUE : Long.toString(size)) + " points (" + shape + "), more than "
                    + GRID_LIMIT + "; shorten the lists, or run some of it with --trials N (N grid points chosen"
                    + " with --seed), or use --search random --trials N");
        }
        if (trials == null || trials >= size) {
            List<List<SearchValue>> points = new ArrayList<>();
            for (long i = 0; i < size; i++) {
                points.add(space.gridPoint(i));
            }
            return points;
        }
        if (size > 10_000_000) {
            throw new IllegalArgumentException(tune.source() + ": the grid has " + size + " points (" + shape
                    + "), too many to choose from; shorten the lists, or use --search random --trials " + trials);
        }
        int[] chosen = Arrays.copyOf(new Rng(seed).permutation((int) size), trials);
        Arrays.sort(chosen);
        return Arrays.stream(chosen).mapToObj(space::gridPoint).toList();
    }

    private static String example(SearchDimension d) {
        if (d.kind() == SearchDimension.Kind.INT_UNIFORM) {
            return (long) d.low() + ", " + (long) d.high();
        }
        double middle = d.kind() == SearchDimension.Kind.LOG_UNIFORM ? Math.sqrt(d.low() * d.high())
                : (d.low() + d.high()) / 2;
        return Arrays.stream(new double[] {d.low(), middle, d.high()})
                .mapToObj(v -> new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros()
                        .toString().replace("E", "e"))
                .collect(Collectors.joining(", "));
    }

    // ---------------------------------------------------------------- running

    /** One trial, its run's output in {@code trials/NNN/train.log}; a diverged trial is recorded, not fatal. */
    private TuneTrial runTrial(int number, List<SearchValue> values, RunConfig config, Path trialDirectory) {
        createDirectories(trialDirectory);
        long start = System.nanoTime();
        try (PrintWriter log = logFile(trialDirectory); RunDirectory.Session locks = RunDirectory.session()) {
            try {
                TrainingRun.TrialScores s = TrainingRun.trial(config, log, locator, trialDirectory);
                double score = config.task() == RunConfig.Task.CLASSIFICATION ? s.validationAccuracy()
                        : s.validationLoss();
                return new TuneTrial(number, values, config, trialDirectory, TuneTrial.OK, score, s.validationLoss(),
                        s.trainLoss(), s.epochs(), (System.nanoTime() - start) / 1e9);
            } catch (TrainingDivergedException e) {
                log.println("diverged " + e.getMessage());
                return new TuneTrial(number, values, config, trialDirectory, TuneTrial.DIVERGED, Double.NaN,
                        Double.NaN, Double.NaN, 0, (System.nanoTime() - start) / 1e9);
            }
        }
    }

    /** Trains the best configuration again into {@code bestRun}, evaluating the test split: its test figures and time. */
    private Map<String, Object> retrain(TuneTrial best, Path bestRun) {
        createDirectories(bestRun);
        try (PrintWriter log = logFile(bestRun); RunDirectory.Session locks = RunDirectory.session()) {
            new TrainingRun(best.config(), log, locator, true, true, bestRun, null, null).run();
        }
        try {
            JsonNode summary = Json.MAPPER.readTree(bestRun.resolve("summary.json").toFile());
            Map<String, Object> result = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = summary.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                // the test scores (test_report, a table, stays in best-run/summary.json)
                if ((field.getKey().startsWith("test_") && !field.getValue().isContainerNode())
                        || field.getKey().equals("train_seconds")) {
                    result.put(field.getKey().equals("train_seconds") ? "retrain_seconds" : field.getKey(),
                            field.getValue().isNumber() ? field.getValue().doubleValue() : Double.NaN);
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + bestRun.resolve("summary.json") + ": " + e.getMessage(), e);
        }
    }

    private static String testText(Map<String, Object> test) {
        if (test.containsKey("test_accuracy")) {
            return String.format(Locale.ROOT, "accuracy %.2f%% · loss %.4f", 100 * number(test, "test_accuracy"),
                    number(test, "test_loss"));
        }
        return String.format(Locale.ROOT, "rmse %.4f · mae %.4f · r² %.4f · loss (mean squared error) %.4f",
                number(test, "test_rmse"), number(test, "test_mae"), number(test, "test_r2"), number(test, "test_loss"));
    }

    private static double number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    // ---------------------------------------------------------------- outputs

    private Path outputDirectory(RunConfig base) {
        Path directory = out;
        if (directory == null) {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            Path parent = Path.of(base.run().dir());
            try {
                Files.createDirectories(parent);
                directory = parent.resolve("tune-" + stamp);
                for (int i = 2; !created(directory); i++) { // create or fail: two searches never share one
                    directory = parent.resolve("tune-" + stamp + "-" + i);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory in " + parent + " (" + FileErrors.reason(e)
                        + "); pass a writable directory with --out", e);
            }
            return directory;
        } else if (Files.exists(directory.resolve("trials.csv"))) {
            throw new IllegalArgumentException("--out " + directory + " already holds a search (trials.csv); give"
                    + " another directory, or remove that one");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory + " (" + e.getMessage() + "); pass a writable"
                    + " directory with --out", e);
        }
        return directory;
    }

    /** Creates {@code directory}; false when it already exists. */
    private static boolean created(Path directory) throws IOException {
        try {
            Files.createDirectory(directory);
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        }
    }

    private Map<String, String> facts(TuneFile tune, int planned, List<TuneTrial> done, RunConfig base,
                                      boolean classification, Path directory, double seconds) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("configuration", tune.source());
        facts.put("search", search.equals("grid") ? "grid" + (trials != null && planned < tune.space().gridSize()
                ? ": " + planned + " of " + tune.space().gridSize() + " points, chosen with --seed " + seed : "")
                : "random, " + planned + " draws with --seed " + seed);
        facts.put("searched keys", tune.describe());
        facts.put("data", data(base));
        facts.put("score", classification ? "validation accuracy of each trial's final model (higher is better)"
                : "validation loss, the mean squared error, of each trial's final model (lower is better)");
        facts.put("training seed", base.training().seed() + ", in every trial (it also draws the splits)");
        long diverged = done.stream().filter(t -> !t.finished()).count();
        facts.put("trials", done.size() + (diverged > 0 ? ", " + diverged + " of them diverged" : "")
                + String.format(Locale.ROOT, "; %.1f s in all", seconds));
        facts.put("directory", directory.toAbsolutePath().normalize().toString());
        return facts;
    }

    private static String data(RunConfig config) {
        if (config.data().csv() != null) {
            return config.data().csv();
        }
        if (config.data().libsvm() != null) {
            return config.data().libsvm();
        }
        if (config.data().synthetic() != null) {
            return "synthetic " + config.data().synthetic().kind().configName();
        }
        return config.data().dataset();
    }

    private void writeSummary(Path directory, TuneFile tune, RunConfig base, int planned, List<TuneTrial> done,
                              TuneTrial best, List<String> sets, String rerun, Map<String, Object> test,
                              boolean identical, double searchSeconds) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("config", tune.source());
        s.put("search", search);
        s.put("search_seed", seed);
        s.put("training_seed", base.training().seed());
        s.put("score", base.task() == RunConfig.Task.CLASSIFICATION ? "val_accuracy" : "val_loss");
        s.put("trials", planned);
        s.put("diverged", done.stream().filter(t -> !t.finished()).count());
        s.put("search_seconds", searchSeconds);
        s.put("best_trial", best.number());
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < best.values().size(); i++) {
            values.put(tune.space().keys().get(i), best.values().get(i).text());
        }
        s.put("best_values", values);
        s.put("best_val_score", best.score());
        s.put("best_val_loss", best.validationLoss());
        s.put("rerun", rerun);
        s.put("retrained", "best-run/ (the best configuration trained again on the training split, then"
                + " evaluated on the test split once)");
        s.put("retrained_weights_identical", identical);
        s.putAll(test);
        s.put("descent_version", VersionProvider.version());
        try {
            write(directory.resolve("summary.json"), Json.MAPPER.writeValueAsString(s) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write summary.json: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes beside the file, then renames it into place. */
    private static void write(Path file, String text) {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static PrintWriter logFile(Path directory) {
        try {
            return new PrintWriter(Files.newBufferedWriter(directory.resolve("train.log"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve("train.log") + ": " + e.getMessage(), e);
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory + ": " + e.getMessage(), e);
        }
    }

    private static boolean sameBytes(Path a, Path b) {
        try {
            return Files.mismatch(a, b) == -1;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code argument} as a POSIX shell reads it back: bare when safe, else in single quotes. */
    static String shell(String argument) {
        return SHELL_SAFE.matcher(argument).matches() ? argument : "'" + argument.replace("'", "'\\''") + "'";
    }

    /** The progress table: one line per trial, columns sized to the planned values. */
    private static final class TrialLines {
        private final List<String> keys;
        private final int[] widths;
        private final int trialWidth;
        private final int total;
        private final boolean classification;

        TrialLines(SearchSpace space, List<List<SearchValue>> points, boolean classification) {
            this.keys = space.keys();
            this.total = points.size();
            this.classification = classification;
            this.trialWidth = Math.max(5, 2 * Integer.toString(total).length() + 1);
            this.widths = new int[keys.size()];
            for (int k = 0; k < keys.size(); k++) {
                int width = keys.get(k).length();
                for (List<SearchValue> point : points) {
                    width = Math.max(width, point.get(k).text().length());
                }
                widths[k] = width;
            }
        }

        String header() {
            StringBuilder line = new StringBuilder(pad("trial", trialWidth));
            for (int k = 0; k < keys.size(); k++) {
                line.append("  ").append(pad(keys.get(k), widths[k]));
            }
            return line.append(classification ? "    val acc   val loss" : "   val loss").append("   train loss")
                    .append("   seconds").toString();
        }

        String row(TuneTrial t, boolean newBest) {
            StringBuilder line = new StringBuilder(pad(t.number() + "/" + total, trialWidth));
            for (int k = 0; k < keys.size(); k++) {
                line.append("  ").append(pad(t.values().get(k).text(), widths[k]));
            }
            if (!t.finished()) {
                return line.append(String.format(Locale.ROOT, "   %s after %.1f s (see %s)", t.status(), t.seconds(),
                        t.directory().resolve("train.log"))).toString();
            }
            if (classification) {
                line.append(String.format(Locale.ROOT, "   %7.2f%%   %8.4f", 100 * t.score(), t.validationLoss()));
            } else {
                line.append(String.format(Locale.ROOT, "   %8.4f", t.score()));
            }
            line.append(String.format(Locale.ROOT, "   %10.4f   %7.1f", t.trainLoss(), t.seconds()));
            return newBest ? line.append("   best so far").toString() : line.toString();
        }

        private static String pad(String text, int width) {
            return " ".repeat(Math.max(0, width - text.length())) + text;
        }
    }
}
