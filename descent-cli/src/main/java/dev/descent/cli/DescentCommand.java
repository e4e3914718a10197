package dev.descent.cli;

import dev.descent.cli.config.CommandLineHints;
import dev.descent.data.DataException;
import dev.descent.train.TrainingDivergedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code descent} command: entry point of the command-line tool. */
@Command(name = "descent",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Gradient-based learning for the JVM, in pure Java.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, DatasetsCommand.class,
                InfoCommand.class, BenchCommand.class, ExperimentCommand.class, ReportCommand.class,
                TuneCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class DescentCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // Library messages (e.g. why the scalar kernels were chosen) as one line each, not
        // java.util.logging's default two-line format with a timestamp.
        if (System.getProperty(LOG_FORMAT) == null) {
            System.setProperty(LOG_FORMAT, "descent: %4$s: %5$s%6$s%n");
        }
        int code;
        try {
            code = execute(args);
        } catch (OutOfMemoryError e) {
            code = reportOutOfMemory(e);
        }
        System.exit(code);
    }

    // The heap limit, what to raise, and that a checkpoint run can be resumed: not a stack trace.
    private static int reportOutOfMemory(OutOfMemoryError e) {
        long limitMiB = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        System.err.println("descent: error: out of memory (" + e.getMessage() + ") with a heap limit of " + limitMiB
                + " MiB. Give the JVM more, e.g. DESCENT_JAVA_OPTS=-Xmx" + Math.max(2 * limitMiB, 1024)
                + "m ./descent ..., or use a smaller batch or model; an interrupted training run can be continued"
                + " from its last checkpoint with --resume.");
        return 1;
    }

    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

    /** Runs the command line and returns the exit code (0 ok, 1 failed, 2 bad usage). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, for callers that redirect its output. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new DescentCommand());
        commandLine.setExecutionExceptionHandler(DescentCommand::reportFailure);
        commandLine.setParameterExceptionHandler(DescentCommand::reportBadUsage);
        return commandLine;
    }

    // A mistyped option or value: the problem and where to look, not the whole usage text.
    private static int reportBadUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("descent: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("See '" + command.getCommandSpec().qualifiedName() + " --help' for the options and their defaults.");
        err.flush();
        return 2;
    }

    /**
     * Whether a failure of this type comes from what the user gave (data, files, settings, a
     * diverging run) and so gets one line and exit 1: every exception type Descent declares, and
     * the JDK's argument, state and I/O exceptions its code throws with a complete message.
     * Anything else is a bug: exit 70 with the stack trace.
     */
    static boolean isExpected(Class<? extends Throwable> type) {
        return DataException.class.isAssignableFrom(type) || IllegalArgumentException.class.isAssignableFrom(type)
                || IllegalStateException.class.isAssignableFrom(type)
                || TrainingDivergedException.class.isAssignableFrom(type)
                || java.io.UncheckedIOException.class.isAssignableFrom(type)
                || java.io.IOException.class.isAssignableFrom(type);
    }

    // Expected failures (bad data, bad settings, divergence) get one clear line, no stack trace.
    private static int reportFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (isExpected(e.getClass())) {
            // the readers' fixes name Java calls (CsvOptions.withCategorical); say what the command line can do
            String message = e instanceof DataException ? CommandLineHints.of(e.getMessage()) : e.getMessage();
            err.println("descent: error: " + message);
            err.flush();
            return 1;
        }
        err.println("descent: internal error (please report it with the command you ran): " + e);
        e.printStackTrace(err);
        err.flush();
        return 70;
    }
}
