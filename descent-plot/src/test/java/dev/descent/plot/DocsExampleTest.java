package dev.descent.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/plots.md, as written there (only the output folder differs). */
class DocsExampleTest {

    @Test
    void theLossExampleRuns(@TempDir Path runs) {
        double[] epochs = {1, 2, 3, 4, 5};
        double[] train = {2.21, 1.61, 0.73, 0.43, 0.35};
        double[] validation = {2.04, 1.13, 0.64, 0.49, 0.45};
        List<Path> files = LinePlot.titled("Loss per epoch")
                .xAxis("epoch")
                .yAxis("loss (cross-entropy, nats)")
                .line("train", epochs, train)
                .line("validation", epochs, validation)
                .band("gap (validation − train)", epochs, train, validation)
                .save(runs.resolve("r1/plots"), "loss");         // loss.png and loss.svg
        assertThat(files).allSatisfy(file -> assertThat(file).isRegularFile());
    }

    @Test
    void theConfusionExampleRuns(@TempDir Path plots) {
        String[] classNames = {"cat", "dog"};
        double[][] counts = {{40, 2}, {5, 53}};
        HeatMap.titled("Confusion matrix · test set")
                .xAxis("predicted class").yAxis("true class")
                .cells(classNames, classNames, counts)            // counts[true][predicted]
                .save(plots, "confusion");
        assertThat(plots.resolve("confusion.png")).isRegularFile();
    }

    @Test
    void theContourExampleRuns(@TempDir Path plots) {
        // what the caller brings: the iterates of two optimizers and a few normalised gradients
        double[] gdX = {-9.5, -8.82, -8.18, -7.59};
        double[] gdY = {2.5, -2.0, 1.6, -1.28};
        double[] momentumX = {-9.5, -9.27, -8.86, -8.31};
        double[] momentumY = {2.5, 1.0, -0.5, -1.1};
        double[] px = {2.2, 5.4, -2.3};
        double[] py = {1.33, 0.91, 1.32};
        double[] dx = {-0.09, -0.42, 0.09};
        double[] dy = {-1.30, -1.23, -1.30};

        // f(x, y) = x² + 25 y² on [-10, 10] × [-3, 3]: f[row][column] is the value at (xs[column], ys[row])
        double[] xs = IntStream.rangeClosed(0, 200).mapToDouble(i -> -10 + 0.1 * i).toArray();
        double[] ys = IntStream.rangeClosed(0, 60).mapToDouble(j -> -3 + 0.1 * j).toArray();
        double[][] f = Arrays.stream(ys)                                    // one row per y
                .mapToObj(y -> Arrays.stream(xs).map(x -> x * x + 25 * y * y).toArray())
                .toArray(double[][]::new);

        ContourPlot.titled("Gradient descent on f(x, y) = x² + 25 y²")
                .xAxis("x").yAxis("y").zAxis("f(x, y)")
                .grid(xs, ys, f)
                .levels(1, 4, 9, 16, 25, 36, 49, 64, 81, 100)
                .path("gradient descent, lr 0.036", gdX, gdY)      // the iterates, in order
                .path("momentum 0.6, lr 0.012", momentumX, momentumY)
                .arrows("−∇f / |∇f|", px, py, dx, dy)               // from (px, py) to (px + dx, py + dy)
                .equalAspect()                                      // a unit as long on both axes
                .save(plots, "descent");                            // descent.png and descent.svg
        assertThat(plots.resolve("descent.png")).isRegularFile();
        assertThat(plots.resolve("descent.svg")).isRegularFile();
    }
}
