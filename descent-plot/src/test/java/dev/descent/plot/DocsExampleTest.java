package dev.descent.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
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
}
