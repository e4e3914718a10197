package dev.descent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs the {@code descent} command in-process, as the launcher would, and keeps what it printed. */
record CliRun(int code, String out, String err) {

    /** Runs {@code descent args…}; {@link #err} is stripped of surrounding blank space. */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = DescentCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString().strip());
    }

    /** Runs {@code descent args…}. */
    static CliRun of(List<String> args) {
        return of(args.toArray(String[]::new));
    }
}
