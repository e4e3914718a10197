package dev.descent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code descent report RUN_DIR...}: one self-contained HTML file comparing training runs (see
 * {@link ReportPage}): the configuration keys that differ, each metric's curves overlaid, and
 * the final metrics with the best of each highlighted. Written to {@code RUN_DIR/report.html}
 * for a single run, to {@code report.html} in the current directory for several, or to
 * {@code --out}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Compare training runs in one self-contained HTML file (plots embedded, no scripts, opens"
                + " offline): configuration differences, curves overlaid, final metrics with the best highlighted.",
                "A run with no finished epoch is listed and marked."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run directories written by 'descent train'.")
    List<Path> runDirs;

    @Option(names = "--out", paramLabel = "FILE", description = "The HTML file to write (default: RUN_DIR/report.html"
            + " for one run, report.html in the current directory for several).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        List<String> names = runNames(runDirs);
        List<SavedRun> runs = new ArrayList<>();
        for (int i = 0; i < runDirs.size(); i++) {
            runs.add(SavedRun.read(runDirs.get(i), names.get(i)));
        }
        Path file = out != null ? out : runDirs.size() == 1 ? runDirs.get(0).resolve("report.html")
                : Path.of("report.html");
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--out " + file + " is a directory; give a file name, e.g. --out "
                    + file.resolve("report.html"));
        }
        String generated = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        Path plotDirectory = temporaryDirectory();
        String html;
        List<ComparisonPlots.Plot> plots;
        try {
            plots = ComparisonPlots.draw(runs, plotDirectory);
            html = ReportPage.html(runs, plots, generated);
        } finally {
            deleteTree(plotDirectory);
        }
        write(file, html);

        for (SavedRun run : runs) {
            if (run.finishedEpochs() == 0) {
                stdout.println("note     " + run.name() + " (" + run.directory() + ") has no finished epoch: listed in"
                        + " the report, not plotted");
            }
        }
        for (ComparisonPlots.Plot plot : plots) {
            if (plot.png() == null) {
                stdout.println("note     plot \"" + plot.title() + "\" not drawn: " + plot.failure());
            }
        }
        long drawn = plots.stream().filter(p -> p.png() != null).count();
        stdout.println("report   " + file + " (" + runs.size() + (runs.size() == 1 ? " run, " : " runs, ") + drawn
                + (drawn == 1 ? " plot" : " plots") + ")");
        stdout.flush();
        return 0;
    }

    /**
     * Each run's directory name; where two are equal, the parent directory's name is put in front
     * ({@code a/run}, {@code b/run}), and where that is still not enough (the same directory
     * given twice) a number is added ({@code run (2)}).
     */
    static List<String> runNames(List<Path> directories) {
        List<Path> absolute = directories.stream().map(d -> d.toAbsolutePath().normalize()).toList();
        List<String> names = new ArrayList<>(absolute.stream().map(ReportCommand::lastName).toList());
        Map<String, Integer> counts = counts(names);
        for (int i = 0; i < names.size(); i++) {
            Path parent = absolute.get(i).getParent();
            if (counts.get(names.get(i)) > 1 && parent != null && parent.getFileName() != null) {
                names.set(i, lastName(parent) + "/" + names.get(i));
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            int n = seen.merge(names.get(i), 1, Integer::sum);
            if (n > 1) {
                names.set(i, names.get(i) + " (" + n + ")");
            }
        }
        return names;
    }

    private static String lastName(Path path) {
        return path.getFileName() == null ? path.toString() : path.getFileName().toString();
    }

    private static Map<String, Integer> counts(List<String> names) {
        Map<String, Integer> counts = new HashMap<>();
        names.forEach(name -> counts.merge(name, 1, Integer::sum));
        return counts;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("descent-report-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the report's plots ("
                    + e.getMessage() + "); set java.io.tmpdir to a writable one, e.g. DESCENT_JAVA_OPTS="
                    + "-Djava.io.tmpdir=DIR", e);
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary file is not worth failing the report for
        }
    }

    /** Writes beside the file, then renames it into place, so a reader never sees half a report. */
    private static void write(Path file, String html) {
        Path target = file.toAbsolutePath();
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(temporary, html, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file + ": " + e.getMessage()
                    + "; pass a writable file with --out", e);
        }
    }
}
