package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Errors of 'descent train' point at what the command line can do, not only at Java calls. */
class CliHintsTest {

    private record Outcome(int code, String err) {
    }

    private static Outcome train(Path dir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = DescentCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(List.of(args));
        all.addAll(List.of("--no-plots", "--no-download", "--run-dir", dir.resolve("run").toString()));
        return new Outcome(commandLine.execute(all.toArray(String[]::new)), err.toString().strip());
    }

    private static void refused(Outcome outcome, Path dir) {
        assertThat(outcome.code()).isEqualTo(1);
        assertThat(outcome.err()).startsWith("descent: error: ").doesNotContain("\n").doesNotContain("\tat ");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void newLibSvmDataForASavedModelIsFixedInTheFileNotWithAReaderOption(@TempDir Path dir) throws IOException {
        Path train = Files.writeString(dir.resolve("train.svm"), "1 1:0.5 2:0.1\n0 1:-0.5 2:0.3\n".repeat(20));
        Path run = dir.resolve("run");
        assertThat(CliRun.of("train", "--libsvm", train.toString(), "--epochs", "1", "--hidden", "4", "--no-plots",
                "--run-dir", run.toString()).code()).isZero();
        Path wide = Files.writeString(dir.resolve("wide.svm"), "1 1:0.5 5:0.1\n");
        Path unknown = Files.writeString(dir.resolve("unknown.svm"), "7 1:0.5 2:0.1\n");
        Path real = Files.writeString(dir.resolve("real.svm"), "1.5 1:0.5 2:0.1\n");
        for (String command : List.of("predict", "evaluate")) {
            assertThat(CliRun.of(command, run.toString(), "--libsvm", wide.toString()).err()).isEqualTo(
                    "descent: error: " + wide + " line 1, token 3 '5:0.1': feature index 5 exceeds the model's 2"
                            + " features; remove the feature, or train a model with --features 5 or more.");
            assertThat(CliRun.of(command, run.toString(), "--libsvm", unknown.toString()).err()).isEqualTo(
                    "descent: error: " + unknown + " line 1, token 1 '7': the label 7 is not one of the model's"
                            + " classes [0, 1]; fix the line.");
            assertThat(CliRun.of(command, run.toString(), "--libsvm", real.toString()).err()).isEqualTo(
                    "descent: error: " + real + " line 1, token 1 '1.5': expected an integer class label, found 1.5;"
                            + " fix the line: the model is a classifier.");
        }
    }

    @Test
    void aTextColumnSuggestsTheCategoricalOption(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("pets.csv"), "weight,colour,y\n1,red,0\n2,blue,1\n3,red,0\n4,blue,1\n"
                + "5,red,0\n6,blue,1\n7,red,0\n8,blue,1\n9,red,0\n10,blue,1\n");
        Outcome outcome = train(dir, "--csv", csv.toString(), "--epochs", "1");
        refused(outcome, dir);
        assertThat(outcome.err()).contains("expected a number, found 'red'").contains("--categorical colour")
                .doesNotContain("CsvOptions");
    }

    @Test
    void aNonFiniteOrEmptyCellAsksToFixTheRowWithoutAnOptionThatDoesNotExist(@TempDir Path dir) throws IOException {
        Path nan = Files.writeString(dir.resolve("nan.csv"), "a,b,y\n1,2,0\n3,NaN,1\n4,5,0\n6,7,1\n");
        Outcome outcome = train(dir, "--csv", nan.toString(), "--epochs", "1");
        refused(outcome, dir);
        assertThat(outcome.err()).contains("not a finite float32 number; fix or remove the row.")
                .doesNotContain("CsvOptions").doesNotContain("withNonFiniteAllowed");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "a,b,y\n1,2,0\n3,,1\n4,5,0\n6,7,1\n");
        Outcome blank = train(dir, "--csv", empty.toString(), "--epochs", "1");
        refused(blank, dir);
        assertThat(blank.err()).contains("the cell is empty; fill it in or remove the row.")
                .doesNotContain("CsvOptions");
    }

    @Test
    void aFractionalLibSvmLabelSuggestsTheRegressionTask(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("reg.svm"), "1 1:0.5\n0.5 1:1\n0 1:2\n1 1:3\n");
        Outcome outcome = train(dir, "--libsvm", file.toString(), "--epochs", "1");
        refused(outcome, dir);
        assertThat(outcome.err()).contains("--set task=regression").doesNotContain("LibSvmReader");
    }

    @Test
    void evaluatingARunWhoseConfigWasCutShortNamesTheFile(@TempDir Path dir) throws IOException {
        StringWriter err = new StringWriter();
        CommandLine commandLine = DescentCommand.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter()));
        commandLine.setErr(new PrintWriter(err));
        Path run = dir.resolve("run");
        assertThat(commandLine.execute("train", "--dataset", "iris", "--epochs", "1", "--no-plots", "--run-dir",
                run.toString())).isZero();
        Path config = run.resolve("config.yaml");
        List<String> lines = Files.readAllLines(config);
        Files.writeString(config, String.join("\n", lines.subList(0, lines.size() / 2)) + "\n");
        int code = commandLine.execute("evaluate", run.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("descent: error: " + config + ": a resolved configuration")
                .contains("looks cut short").doesNotContain("\n");
    }

    /** Each hint rewritten, as the readers word it today (a changed wording would slip past the rewrite). */
    @Test
    void everyJavaHintOfTheReadersHasACommandLineWording() {
        assertThat(dev.descent.cli.config.CommandLineHints.of("f line 3, column 'b' (index 1): expected a number,"
                + " found 'abc'; fix the cell, or if the column holds categories one-hot encode it with"
                + " CsvOptions.withCategorical(\"b\") or skip it with withIgnored(\"b\")."))
                .endsWith("one-hot encode it with --categorical b.");
        List<String> javaMessages = List.of(
                "f line 1, found 1 column with the delimiter ',' (detected), expected at least 2 (features and a"
                        + " label); set the delimiter with CsvOptions.withDelimiter.",
                "x: the cell is empty; fill it in or remove the row, or read empty cells as NaN with"
                        + " CsvOptions.withNonFiniteAllowed(true).",
                "x: found 'NaN', which is not a finite float32 number; fix or remove the row, or allow NaN and infinite"
                        + " values with CsvOptions.withNonFiniteAllowed(true).",
                "x: the categorical cell is empty; fill it in or remove the row, or make empty cells a category \"\""
                        + " with CsvOptions.withNonFiniteAllowed(true).",
                "x: NaN is not a finite number; fix the cell, or allow it with CsvOptions.withNonFiniteAllowed(true).",
                "x: the label 'cat' is not one of the declared classes [a, b]; fix the row, or add the class to"
                        + " CsvOptions.withClassNames",
                "x: expected an integer class label, found 0.5; fix the line, or read real-valued targets with"
                        + " LibSvmReader.regression.",
                "x: the label 2 is not one of the declared class labels [-1, 1]; fix the line, or add it with"
                        + " Options.withClassLabels.",
                "x: feature index 11 exceeds the declared dimension 10; raise it with Options.withDimension(11) or"
                        + " more, or remove the feature.",
                "x: feature index 200001 exceeds the limit of 200000 features (the data are loaded densely); raise it"
                        + " with Options.withMaxDimension(200001) or more if the memory allows.",
                "x: 3 rows × 10 features = 30 floats exceed the limit of 20 for dense features; raise it with"
                        + " Options.withMaxValues(30) if the memory allows (4 bytes per float), or read fewer rows or"
                        + " features.",
                "x: none of the 2 lines has a feature (index:value); check the file, or fix the dimension with"
                        + " Options.withDimension.");
        for (String message : javaMessages) {
            assertThat(dev.descent.cli.config.CommandLineHints.of(message)).as(message)
                    .doesNotContain("Options.with").doesNotContain("LibSvmReader.").doesNotContain("withIgnored");
        }
    }

    @Test
    void aBlankCsvKeyInAConfigIsRefusedInsteadOfTrainingOnFashionMnist(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("cut.yaml"), "task: classification\ndata:\n  csv:\n");
        Outcome outcome = train(dir, "--config", config.toString(), "--epochs", "1");
        refused(outcome, dir);
        assertThat(outcome.err()).isEqualTo("descent: error: data.csv: no value given (line 3 of " + config
                + "); give a path or remove the key");
    }

    @Test
    void aSetAfterAnOptionIsBlamedForItsOwnValue(@TempDir Path dir) {
        Outcome outcome = train(dir, "--dataset", "iris", "--epochs", "1", "--set", "training.epochs=-1");
        refused(outcome, dir);
        assertThat(outcome.err()).contains("(in --set training.epochs=-1)").doesNotContain("--epochs 1");
        Outcome option = train(dir, "--dataset", "iris", "--epochs", "0");
        refused(option, dir);
        assertThat(option.err()).contains("from the option --epochs 0");
    }
}
