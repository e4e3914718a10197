package dev.descent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code descent bench}: throughput measurements. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput (see BENCHMARKS.md for the definitions).",
        subcommands = {BenchMlpCommand.class, BenchLogregCommand.class, BenchCnnCommand.class, BenchInferCommand.class,
                BenchGemmCommand.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
