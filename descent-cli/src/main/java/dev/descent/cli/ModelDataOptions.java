package dev.descent.cli;

import dev.descent.model.Predictor;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options {@code predict} and {@code evaluate} share: the model, and the data to run it on. */
final class ModelDataOptions {

    @Parameters(paramLabel = "MODEL", description = "A run directory written by 'descent train', or its"
            + " model.safetensors file.")
    Path model;

    @Option(names = "--csv", paramLabel = "FILE", description = "A CSV file with a header naming the training"
            + " columns, in any order ('-' streams standard input in bounded memory).")
    String csv;

    @Option(names = "--libsvm", paramLabel = "FILE", description = "A LibSVM file (models trained on LibSVM or"
            + " generated data).")
    Path libsvm;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "A folder of IDX files (MNIST layout): its t10k"
            + " test images.")
    Path dataDir;

    @Option(names = "--split", paramLabel = "NAME", description = "Without new data: the run's split, test (default),"
            + " validation or train; its data files are checked to be unchanged first.")
    String split;

    /** The rows these options name, for {@code predictor}; labels are required for evaluation. */
    PredictionInput open(Predictor predictor, boolean labelsRequired) {
        return PredictionInput.open(predictor, model, csv, libsvm, dataDir, split, labelsRequired);
    }
}
