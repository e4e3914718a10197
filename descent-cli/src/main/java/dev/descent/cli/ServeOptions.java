package dev.descent.cli;

import dev.descent.dashboard.Dashboard;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the dashboard listens ({@code serve}, {@code train --serve}, {@code bench mlp --serve}), and its start. */
final class ServeOptions {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + Dashboard.DEFAULT_PORT,
            description = "Port of the dashboard (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = Dashboard.DEFAULT_HOST,
            description = "Address to listen on. Default ${DEFAULT-VALUE}: this machine only; 0.0.0.0 serves every"
                    + " network interface (with a warning: the dashboard has no login).")
    String host;

    /** Starts the dashboard over {@code directories} and prints where it is (and a warning when it is not local). */
    Dashboard start(List<Path> directories, PrintWriter err) {
        Dashboard dashboard;
        try {
            dashboard = Dashboard.start(directories, host, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the dashboard on " + host + ":" + port + " ("
                    + FileErrors.reason(e) + ")", e);
        }
        if (!dashboard.localOnly()) {
            err.println("warning: --host " + host + " serves the dashboard beyond this machine, and it has no login:"
                    + " anyone who can reach port " + dashboard.uri().getPort() + " can read these runs' metrics,"
                    + " configurations and reports. Use --host 127.0.0.1 (the default) unless that is what you want.");
            err.flush();
        }
        return dashboard;
    }
}
