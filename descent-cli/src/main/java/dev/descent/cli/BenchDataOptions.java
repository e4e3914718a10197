package dev.descent.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The data and output options the training benchmarks share: {@code --data-dir}, {@code --seed}, {@code --json}. */
final class BenchDataOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Fashion-MNIST directory (default: searched).")
    Path dataDir;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of weights and shuffles.")
    long seed;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;
}
