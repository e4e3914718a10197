package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The plots a training run leaves in RUN_DIR/plots/, and what happens when they cannot be written. */
class RunPlotsTest {

    private static String train(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = DescentCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        String[] command = Stream.concat(Stream.of("train"), Stream.of(args)).toArray(String[]::new);
        int code = commandLine.execute(command);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    private static List<String> files(Path directory) throws IOException {
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static BufferedImage png(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as(file.toString()).isNotNull();
        return image;
    }

    @Test
    void aClassificationRunPlotsItsCurvesAndConfusionMatrix(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        String out = train("--dataset", "iris", "--epochs", "2", "--run-dir", run.toString());

        Path plots = run.resolve("plots");
        assertThat(out).contains("plots    " + plots + " (loss, accuracy, learning-rate, confusion; PNG and SVG)")
                .contains("summary.json, plots/)");
        assertThat(files(plots)).containsExactly("accuracy.png", "accuracy.svg", "confusion.png", "confusion.svg",
                "learning-rate.png", "learning-rate.svg", "loss.png", "loss.svg");
        for (String name : List.of("loss", "accuracy", "learning-rate")) {
            BufferedImage image = png(plots.resolve(name + ".png"));
            assertThat(image.getWidth()).as(name).isEqualTo(900);
            assertThat(image.getHeight()).as(name).isEqualTo(600);
            assertThat(Files.readString(plots.resolve(name + ".svg"))).as(name).contains("<title>").contains("iris");
        }
        assertThat(png(plots.resolve("confusion.png")).getHeight()).isEqualTo(700);
        assertThat(Files.readString(plots.resolve("confusion.svg")))
                .contains("<title>Confusion matrix · iris test set (30 examples)</title>");
    }

    @Test
    void noPlotsSkipsThemAndIsKeptInTheConfig(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        String out = train("--dataset", "iris", "--epochs", "1", "--no-plots", "--run-dir", run.toString());
        assertThat(out).doesNotContain("plots");
        assertThat(run.resolve("plots")).doesNotExist();
        assertThat(Files.readString(run.resolve("config.yaml"))).contains("plots: false");

        Path viaConfig = dir.resolve("via-config");
        train("--dataset", "iris", "--epochs", "1", "--set", "run.plots=false", "--run-dir", viaConfig.toString());
        assertThat(viaConfig.resolve("plots")).doesNotExist();
    }

    @Test
    void aRegressionRunPlotsItsLossAndLearningRate(@TempDir Path dir) throws IOException {
        Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
        Path run = dir.resolve("regression");
        String out = train("--config", examples.resolve("linear-regression-synthetic.yaml").toString(),
                "--epochs", "2", "--run-dir", run.toString());
        assertThat(out).contains("(loss, learning-rate; PNG and SVG)");
        assertThat(files(run.resolve("plots"))).containsExactly("learning-rate.png", "learning-rate.svg", "loss.png",
                "loss.svg");
    }

    @Test
    void plotsThatCannotBeWrittenAreReportedAndTheRunKeepsEverythingElse(@TempDir Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("plots"), "a file where the plots folder should be");

        String out = train("--dataset", "iris", "--epochs", "1", "--run-dir", run.toString());

        assertThat(out.lines().filter(l -> l.startsWith("plots    ")))
                .singleElement().asString()
                .startsWith("plots    not written: loss (cannot create the plot directory " + run.resolve("plots"))
                .endsWith("the run's other outputs are complete");
        assertThat(out).contains("(config.yaml, metrics.csv, metrics-steps.csv, model.safetensors, summary.json)");
        assertThat(run.resolve("summary.json")).exists();
        assertThat(run.resolve("model.safetensors")).exists();
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(2);
    }

    @Test
    void thinningKeepsEachStretchsLowestAndHighestPoint() {
        int n = 10_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
            y[i] = i < 5000 ? 0.1 : 0.01; // a step decay
        }
        y[7777] = 0.5; // a spike

        double[][] thinned = RunPlots.thin(x, y, 2000);

        assertThat(thinned[0]).hasSizeLessThanOrEqualTo(2000).isSorted();
        assertThat(thinned[0][0]).isEqualTo(1);
        assertThat(thinned[1]).contains(0.1, 0.01, 0.5);
        assertThat(RunPlots.thin(new double[] {1, 2}, new double[] {3, 4}, 2000)[1]).containsExactly(3, 4);
    }

    @Test
    void aLossSpanningDecadesGetsALogAxis() {
        assertThat(RunPlots.spansDecades(new double[] {2.9e15, 1e12}, new double[] {5e13, Double.NaN})).isTrue();
        assertThat(RunPlots.spansDecades(new double[] {2.2, 0.35}, new double[] {2.0, 0.45})).isFalse();
        assertThat(RunPlots.spansDecades(new double[] {1e6, 0})).isFalse();
    }
}
