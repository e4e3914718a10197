package dev.descent.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
    private static final double[] EPOCHS = {1, 2, 3, 4};
    private static final double[] TRAIN = {0.9, 0.5, 0.35, 0.3};
    private static final double[] VALIDATION = {0.8, 0.55, 0.45, 0.44};

    private static LinePlot lossPlot() {
        return LinePlot.titled("Loss & <accuracy>")
                .xAxis("epoch")
                .yAxis("loss (cross-entropy, nats)")
                .line("train", EPOCHS, TRAIN)
                .line("validation", EPOCHS, VALIDATION)
                .band("gap", EPOCHS, TRAIN, VALIDATION);
    }

    @Test
    void writesAPngOfTheStatedSizeAndAnSvgCarryingTheTitle(@TempDir Path dir) throws Exception {
        List<Path> files = lossPlot().save(dir.resolve("plots/nested"), "loss");

        assertThat(files).containsExactly(dir.resolve("plots/nested/loss.png"), dir.resolve("plots/nested/loss.svg"));
        BufferedImage png = PlotFiles.png(files.get(0));
        assertThat(png.getWidth()).isEqualTo(LinePlot.DEFAULT_WIDTH).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(LinePlot.DEFAULT_HEIGHT).isEqualTo(600);
        assertThat(png.getRGB(2, 2) & 0xFFFFFF).as("white background").isEqualTo(0xFFFFFF);
        assertThat(PlotFiles.hasPixel(png, 0x0072B2)).as("the first series in Okabe-Ito blue").isTrue();
        assertThat(PlotFiles.hasPixel(png, 0xD55E00)).as("the second in vermillion").isTrue();

        assertThat(PlotFiles.svgTitle(files.get(1))).isEqualTo("Loss & <accuracy>");
        assertThat(Files.readString(files.get(1))).contains("viewBox=\"0 0 900 600\"");
        try (var listing = Files.list(dir.resolve("plots/nested"))) {
            assertThat(listing.map(p -> p.getFileName().toString())).as("no temporary files left")
                    .containsExactlyInAnyOrder("loss.png", "loss.svg");
        }
    }

    @Test
    void drawsWithoutADisplay() {
        LinePlot.titled("headless");
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
    }

    @Test
    void sizeChangesTheImageAndSavingAgainReplacesTheFiles(@TempDir Path dir) throws IOException {
        lossPlot().save(dir, "loss");
        List<Path> files = lossPlot().size(640, 400).save(dir, "loss");
        BufferedImage png = PlotFiles.png(files.get(0));
        assertThat(png.getWidth()).isEqualTo(640);
        assertThat(png.getHeight()).isEqualTo(400);
        assertThatThrownBy(() -> lossPlot().size(100, 400))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100 x 400");
    }

    @Test
    void logarithmicAxesTakePositiveValues(@TempDir Path dir) throws Exception {
        double[] steps = {1, 10, 100, 1000, 10000};
        double[] rates = {0.1, 0.05, 0.01, 1e-3, 1e-4};
        List<Path> files = LinePlot.titled("Learning rate").xAxis("step").yAxis("learning rate")
                .logX().logY().points("rate", steps, rates).save(dir, "lr");
        assertThat(PlotFiles.png(files.get(0)).getWidth()).isEqualTo(900);
        assertThat(PlotFiles.svgTitle(files.get(1))).isEqualTo("Learning rate");
    }

    @Test
    void aNonPositiveValueOnALogAxisNamesTheSeriesAndTheIndex() {
        assertThatThrownBy(() -> LinePlot.titled("Loss").logY().line("train", EPOCHS, new double[] {1, 0.5, 0, 0.2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LinePlot \"Loss\": series \"train\": y[2] = 0.0 is not positive, and the y axis is "
                        + "logarithmic");
        // the axis made logarithmic after the series: checked then
        LinePlot plot = LinePlot.titled("Loss").line("shifted", new double[] {-1, 0, 1}, new double[] {1, 2, 3});
        assertThatThrownBy(plot::logX)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("series \"shifted\": x[0] = -1.0 is not positive, and the x axis is logarithmic");
        // both curves of a band
        assertThatThrownBy(() -> LinePlot.titled("Loss").band("gap", EPOCHS, TRAIN, new double[] {1, 1, -2, 1})
                .logY())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("series \"gap\": upper[2] = -2.0 is not positive");
    }

    @Test
    void arraysOfDifferentLengthsAreRefusedNamingTheSeries() {
        assertThatThrownBy(() -> LinePlot.titled("Loss").line("train", EPOCHS, new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LinePlot \"Loss\": series \"train\": x has 4 values but y has 3; they need one value "
                        + "per point");
        assertThatThrownBy(() -> LinePlot.titled("Loss").band("gap", EPOCHS, TRAIN, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("series \"gap\": x has 4 values but upper has 1");
        assertThatThrownBy(() -> LinePlot.titled("Loss").points("p", new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("series \"p\": no points");
    }

    @Test
    void nonFinitePointsAreLeftOutButASeriesWithoutAnyIsRefused(@TempDir Path dir) throws IOException {
        double nan = Double.NaN;
        List<Path> files = LinePlot.titled("Validation every other epoch").xAxis("epoch").yAxis("loss")
                .line("validation", EPOCHS, new double[] {nan, 0.5, Double.POSITIVE_INFINITY, 0.4})
                .save(dir, "sparse");
        assertThat(PlotFiles.png(files.get(0)).getHeight()).isEqualTo(600);

        assertThatThrownBy(() -> LinePlot.titled("Loss").line("diverged", EPOCHS, new double[] {nan, nan, nan, nan}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("series \"diverged\": none of its 4 points is finite");
    }

    @Test
    void namesAreRequiredAndUnique() {
        assertThatThrownBy(() -> LinePlot.titled("Loss").line("train", EPOCHS, TRAIN).line("train", EPOCHS, TRAIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("series \"train\": the plot already has a series of that name");
        assertThatThrownBy(() -> LinePlot.titled("Loss").line(" ", EPOCHS, TRAIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a series needs a name");
        assertThatThrownBy(() -> LinePlot.titled("Loss").line("train", null, TRAIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("series \"train\": x is null");
    }

    @Test
    void savingNeedsASeriesAndAPlainFileName(@TempDir Path dir) {
        assertThatThrownBy(() -> LinePlot.titled("Empty").save(dir, "empty"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no series to draw");
        assertThatThrownBy(() -> lossPlot().save(dir, "sub/loss"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sub/loss");
    }

    @Test
    void aFileThatCannotBeWrittenIsNamed(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plots"), "a file where the folder should be");
        assertThatThrownBy(() -> lossPlot().save(notADirectory, "loss"))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(notADirectory.toString());

        Path occupied = Files.createDirectories(dir.resolve("out/loss.png")); // a folder in the PNG's place
        assertThatThrownBy(() -> lossPlot().save(dir.resolve("out"), "loss"))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot write " + occupied);
    }
}
