package dev.descent.cli;

import dev.descent.dashboard.Dashboard;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code train --serve}: the dashboard over the folder the run goes into ({@code runs/}, so the
 * other runs there show too) or over {@code --run-dir} itself, started before the data loads so
 * that its address is printed at once, then the run's own page once its directory exists. In a
 * terminal the dashboard outlives the run until Ctrl-C, whether it finished, diverged or failed,
 * so the last curves and the test report stay in view; in a script it stops with the run.
 */
final class TrainingDashboard implements AutoCloseable {
    private final Dashboard dashboard;
    private final PrintWriter out;

    private TrainingDashboard(Dashboard dashboard, PrintWriter out) {
        this.dashboard = dashboard;
        this.out = out;
    }

    static TrainingDashboard start(Path served, ServeOptions options, PrintWriter out, PrintWriter err) {
        try {
            Files.createDirectories(served);
        } catch (IOException e) {
            throw new UncheckedIOException("--serve: cannot create " + served + " (" + FileErrors.reason(e) + ")", e);
        }
        Dashboard dashboard = options.start(List.of(served), err);
        out.println("dashboard " + dashboard.uri());
        out.flush();
        return new TrainingDashboard(dashboard, out);
    }

    /** Prints the page of the run in {@code runDirectory}. */
    void printRunPage(Path runDirectory) {
        dashboard.runPage(runDirectory).ifPresent(page -> {
            out.println("live     " + page);
            out.flush();
        });
    }

    /**
     * Runs {@code training} (which releases the run directory's lock as it returns), then, in a terminal, keeps
     * serving until Ctrl-C; the training's result or failure comes after.
     */
    int serveWhile(Callable<Integer> training) {
        int code;
        try {
            code = training.call();
        } catch (RuntimeException | Error e) {
            lingerInTerminal("the run failed (the error follows when the dashboard stops)");
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        lingerInTerminal("the run has ended");
        return code;
    }

    private void lingerInTerminal(String why) {
        if (!Terminal.isInteractive()) {
            return;
        }
        out.println("dashboard " + why + "; still serving at " + dashboard.uri() + " (Ctrl-C stops it)");
        out.flush();
        try {
            new CountDownLatch(1).await(); // until Ctrl-C ends the JVM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        dashboard.close();
    }
}
