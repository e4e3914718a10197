package dev.descent.cli;

import dev.descent.dashboard.Dashboard;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code train --serve}: the dashboard over the folder the run goes into (so the other runs there
 * show too), started before the data loads so its address is printed at once, then the run's own
 * page once its directory exists. In a terminal the dashboard outlives the run until Ctrl-C, so
 * the finished curves and test report stay in view; in a script it stops with the run.
 */
final class TrainingDashboard {
    /** Counted down to stop serving after the run (tests); the command line stops with Ctrl-C. */
    static volatile CountDownLatch stop = new CountDownLatch(1);

    private TrainingDashboard() {
    }

    static int serveWhile(TrainingRun run, Path runsFolder, ServeOptions options, PrintWriter out, PrintWriter err) {
        try {
            Files.createDirectories(runsFolder);
        } catch (IOException e) {
            throw new UncheckedIOException("--serve: cannot create " + runsFolder + " (" + FileErrors.reason(e) + ")", e);
        }
        try (Dashboard dashboard = options.start(List.of(runsFolder), err)) {
            out.println("dashboard " + dashboard.uri());
            out.flush();
            int code = run.onRunDirectory(directory -> dashboard.runPage(directory).ifPresent(page -> {
                out.println("live     " + page);
                out.flush();
            })).run();
            if (System.console() != null) {
                out.println("dashboard still serving at " + dashboard.uri() + " (Ctrl-C stops it)");
                out.flush();
                stop.await();
            }
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
