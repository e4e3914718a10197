package dev.descent.cli;

import dev.descent.dashboard.Dashboard;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code descent serve}: the live dashboard of the runs under some directories, until Ctrl-C. The
 * dashboard itself is {@link Dashboard}; this command only maps the options and prints the address.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a live dashboard of the runs under RUNS_DIR (default: runs) in the browser:",
                "the runs with their status, live curves, configs, test reports and confusion matrices,",
                "comparisons, and the tune and experiment reports. Read-only. Stops with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "RUNS_DIR",
            description = "Directories of runs ('descent train' writes to runs/), tunings or experiments.")
    List<Path> directories = new ArrayList<>();

    @Mixin
    ServeOptions serve;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Counted down to stop serving (tests); the command line stops with Ctrl-C. */
    static volatile CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> served = directories.isEmpty() ? List.of(Path.of("runs")) : directories;
        if (directories.isEmpty() && !java.nio.file.Files.isDirectory(served.get(0))) {
            throw new IllegalArgumentException("no runs/ folder here yet: train first ('descent train --serve' trains"
                    + " and serves at once), or name the folder of your runs: descent serve DIR");
        }
        try (Dashboard dashboard = serve.start(served, spec.commandLine().getErr())) {
            out.println("dashboard " + dashboard.uri() + " (serving " + dashboard.directories().stream()
                    .map(Path::toString).collect(Collectors.joining(", ")) + "; read-only; Ctrl-C stops it)");
            out.flush();
            Thread hook = new Thread(dashboard::close, "descent-dashboard-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stop.await();
            } finally {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        return 0;
    }
}
