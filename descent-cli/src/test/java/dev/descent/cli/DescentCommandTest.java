package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import dev.descent.cli.config.ConfigChoice;
import dev.descent.cli.config.OptimizerSettings;
import dev.descent.cli.config.ScheduleSettings;
import dev.descent.data.DatasetLocator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user drives it: output, exit codes and error messages. */
class DescentCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    @TempDir
    static Path runs;
    private static int runNumber;

    /** Runs the command line; a train run writes its outputs under a temporary folder. */
    private static Run run(String... args) {
        if (args.length > 0 && args[0].equals("train") && !List.of(args).contains("--run-dir")
                && !List.of(args).contains("--help")) {
            String[] withDir = java.util.Arrays.copyOf(args, args.length + 2);
            withDir[args.length] = "--run-dir";
            withDir[args.length + 1] = runs.resolve("run-" + (++runNumber)).toString();
            args = withDir;
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = DescentCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void infoNamesTheKernelsAndThreads() {
        Run r = run("info");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("kernels").contains("threads").contains("jdk");
    }

    @Test
    void trainsOnTheBuiltInDigitsAndReportsTestAccuracy() {
        Run r = run("train", "--dataset", "digits", "--seed", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("digits").contains("samples/s");
        Matcher m = Pattern.compile("accuracy (\\d+\\.\\d+)%").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        // 94.4–95.8% over seeds 1–3 with the defaults (10 epochs, linear decay)
        assertThat(Double.parseDouble(m.group(1))).isGreaterThan(92.0);
    }

    @Test
    void sameSeedPrintsTheSameLosses() {
        String[] args = {"train", "--dataset", "digits", "--epochs", "1", "--seed", "5"};
        assertThat(losses(run(args).out())).isEqualTo(losses(run(args).out()));
    }

    @Test
    void withoutFashionMnistTheDefaultRunTrainsOnDigitsAndSaysHowToGetIt(@TempDir Path nowhere) {
        DatasetLocator findsNothing = new DatasetLocator(Map.of(), nowhere, nowhere);
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new TrainCommand(findsNothing));
        commandLine.setOut(new PrintWriter(out));
        int code = commandLine.execute("--epochs", "1", "--no-download", "--run-dir", nowhere.resolve("run").toString());
        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("Fashion-MNIST was not found")
                .contains("apt-get install dataset-fashion-mnist")
                .contains("--data-dir")
                .contains("data     digits")
                .contains("test     loss");
    }

    @Test
    void anExplicitlyRequestedMissingDatasetIsAnErrorNotAFallback(@TempDir Path nowhere) {
        DatasetLocator findsNothing = new DatasetLocator(Map.of(), nowhere, nowhere);
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new TrainCommand(findsNothing));
        commandLine.setErr(new PrintWriter(err));
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println(e.getMessage());
            return 1;
        });
        assertThat(commandLine.execute("--dataset", "fashion-mnist", "--no-download")).isEqualTo(1);
        assertThat(err.toString()).contains("not found").contains("apt-get install dataset-fashion-mnist");
    }

    @Test
    void anUnknownDatasetIsAnErrorListingTheChoices() {
        Run r = run("train", "--dataset", "cifar");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("unknown data set").contains("'cifar'").contains("fashion-mnist")
                .doesNotContain("Exception");
    }

    @Test
    void aDataDirWithoutTheFilesIsAnErrorNamingIt(@TempDir Path empty) {
        Run r = run("train", "--dataset", "mnist", "--data-dir", empty.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(empty.toString()).contains("--data-dir").doesNotContain("at dev.descent");
    }

    @Test
    void badHyperParametersNameTheOption() {
        assertThat(run("train", "--dataset", "digits", "--epochs", "0").err()).contains("--epochs");
        assertThat(run("train", "--dataset", "digits", "--lr", "-1").err()).contains("--lr");
        assertThat(run("train", "--dataset", "digits", "--batch-size", "0").err()).contains("--batch-size");
        assertThat(run("train", "--dataset", "digits", "--threads", "0").err()).contains("threads");
    }

    @Test
    void aMistypedOptionGetsOneLineAndASuggestionNotTheWholeUsage() {
        Run r = run("train", "--epoch", "3");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--epoch").contains("--epochs").contains("descent train --help")
                .doesNotContain("--validation-fraction");
        Run notANumber = run("train", "--batch-size", "abc");
        assertThat(notANumber.err()).contains("--batch-size").contains("abc");
    }

    @Test
    void everyOptimizerAndScheduleTrainsTheDigits() {
        for (String optimizer : ConfigChoice.namesOf(OptimizerSettings.Name.class)) {
            Run r = run("train", "--dataset", "digits", "--epochs", "2", "--optimizer", optimizer, "--seed", "3");
            assertThat(r.exitCode()).as(optimizer + ": " + r.err()).isZero();
            assertThat(r.out()).as(optimizer).contains("test     loss");
        }
        for (String schedule : ConfigChoice.namesOf(ScheduleSettings.Name.class)) {
            Run r = run("train", "--dataset", "digits", "--epochs", "2", "--schedule", schedule, "--seed", "3");
            assertThat(r.exitCode()).as(schedule + ": " + r.err()).isZero();
        }
        Run adam = run("train", "--dataset", "digits", "--optimizer", "adam", "--seed", "3");
        Matcher m = Pattern.compile("accuracy (\\d+\\.\\d+)%").matcher(adam.out());
        assertThat(m.find()).as(adam.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThan(90.0);
        assertThat(run("train", "--optimizer", "lion").err()).contains("'lion'").contains("adamw")
                .contains("--optimizer lion");
        assertThat(run("train", "--dataset", "digits", "--weight-decay", "-1").err()).contains("--weight-decay");
    }

    @Test
    void trainsOnACsvFileInMemoryAndStreamed(@TempDir Path dir) throws java.io.IOException {
        Path file = dir.resolve("blobs.csv");
        StringBuilder s = new StringBuilder("x1,x2,color,label\n");
        dev.descent.random.Rng rng = new dev.descent.random.Rng(1);
        for (int i = 0; i < 600; i++) {
            int c = i % 3;
            s.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%s,%d%n", c + 0.5 * rng.nextGaussian(),
                    -c + 0.5 * rng.nextGaussian(), i % 2 == 0 ? "red" : "blue", c));
        }
        java.nio.file.Files.writeString(file, s);
        Run memory = run("train", "--csv", file.toString(), "--label-column", "label", "--categorical", "color",
                "--epochs", "5");
        assertThat(memory.exitCode()).as(memory.err()).isZero();
        assertThat(memory.out()).contains("standardised").contains("test     loss").contains("peak heap");
        Matcher m = Pattern.compile("accuracy (\\d+\\.\\d+)%").matcher(memory.out());
        assertThat(m.find()).isTrue();
        // neighbouring classes overlap (centres √2 apart, σ = 0.5): about 85% is the best possible
        assertThat(Double.parseDouble(m.group(1))).isGreaterThan(80.0);

        Path numeric = dir.resolve("numeric.csv");
        java.nio.file.Files.writeString(numeric, s.toString().replaceAll(",(red|blue),", ",").replace("color,", ""));
        Run streamed = run("train", "--csv", numeric.toString(), "--stream", "--classes", "3", "--epochs", "3",
                "--test-csv", numeric.toString(), "--shuffle-buffer", "100");
        assertThat(streamed.exitCode()).as(streamed.err()).isZero();
        assertThat(streamed.out()).contains("streamed through a shuffle buffer of 100").contains("test     loss");

        assertThat(run("train", "--csv", file.toString(), "--stream", "--classes", "3").err())
                .contains("'color'").contains("expected a number");
        assertThat(run("train", "--csv", numeric.toString(), "--stream").err()).contains("--classes");
        assertThat(run("train", "--stream").err()).contains("csv");
        assertThat(run("train", "--csv", numeric.toString(), "--stream", "--classes", "3", "--schedule", "cosine")
                .err()).contains("does not tell in advance");
    }

    @Test
    void trainsOnALibSvmFileInMemoryAndStreamed(@TempDir Path dir) throws java.io.IOException {
        Path file = dir.resolve("data.svm");
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            int c = i % 2;
            s.append(c == 0 ? "-1" : "+1").append(" 1:").append(c * 2 + (i % 7) / 10.0).append(" 3:").append(1 - c)
                    .append('\n');
        }
        java.nio.file.Files.writeString(file, s);
        Run memory = run("train", "--libsvm", file.toString(), "--epochs", "3");
        assertThat(memory.exitCode()).as(memory.err()).isZero();
        assertThat(memory.out()).contains("accuracy 100.00%");
        Run streamed = run("train", "--libsvm", file.toString(), "--stream", "--classes", "2", "--features", "3",
                "--epochs", "2");
        assertThat(streamed.exitCode()).as(streamed.err()).isZero();
        assertThat(run("train", "--libsvm", file.toString(), "--stream", "--classes", "2").err())
                .contains("features");
        assertThat(run("train", "--libsvm", file.toString(), "--csv", file.toString()).err()).contains("csv")
                .contains("libsvm");
    }

    @Test
    void trainsOnTheBuiltInTables() {
        for (String name : List.of("iris", "wine", "breast-cancer")) {
            Run r = run("train", "--dataset", name, "--epochs", "20", "--batch-size", "16");
            assertThat(r.exitCode()).as(name + ": " + r.err()).isZero();
            Matcher m = Pattern.compile("accuracy (\\d+\\.\\d+)%").matcher(r.out());
            assertThat(m.find()).as(r.out()).isTrue();
            assertThat(Double.parseDouble(m.group(1))).as(name).isGreaterThan(85.0);
        }
    }

    @Test
    void aDivergingRunStopsWithAClearMessage() {
        Run r = run("train", "--dataset", "digits", "--epochs", "3", "--lr", "1e6", "--momentum", "0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("diverged").contains("smaller learning rate");
    }

    @Test
    void helpShowsEveryOptionWithItsDefault() {
        Run r = run("train", "--help");
        assertThat(r.out()).contains("--dataset", "--data-dir", "--epochs", "--batch-size", "--lr", "--seed",
                "--threads", "--config", "--set", "--resume", "--init-from", "(default 64)", "(default fashion-mnist)");
    }

    private static String losses(String out) {
        StringBuilder s = new StringBuilder();
        for (String line : out.split("\n")) {
            if (line.matches("\\s+\\d+\\s+\\d.*")) {
                s.append(line, 0, Math.min(line.length(), 40)).append('\n');
            }
        }
        return s.toString();
    }
}
