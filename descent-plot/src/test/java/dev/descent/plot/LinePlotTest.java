package dev.descent.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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

    // ---------------------------------------------------------------------------------------------
    // axes and ticks

    private static double[] oneTo(int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i + 1;
        }
        return values;
    }

    @Test
    void tuneScoresGetRoundTickLabelsNotTheDataMinimum(@TempDir Path dir) throws Exception {
        // the bug: Tune's score plot labelled its y axis "66.6666666667" and "100", nothing else
        double[] score = new double[30];
        java.util.Arrays.fill(score, 100.0);
        score[0] = 200.0 / 3;
        LinePlot plot = LinePlot.titled("Best score so far").xAxis("trial").yAxis("score (%)")
                .line("best", oneTo(30), score);

        AxisScale y = plot.frame().y();
        assertThat(y.labels()).hasSizeGreaterThanOrEqualTo(3).contains("70", "80", "90", "100")
                .allSatisfy(label -> assertThat(Double.parseDouble(label) % 5).isZero());
        assertThat(y.min()).isLessThanOrEqualTo(200.0 / 3);
        assertThat(y.max()).isGreaterThan(100);

        List<String> texts = PlotFiles.svgTexts(plot.save(dir, "score").get(1));
        assertThat(texts).containsAll(y.labels()).containsAll(plot.frame().x().labels())
                .noneMatch(text -> text.contains("66.6"));
    }

    @Test
    void wholeNumbersOnAnAxisGetNoTicksBetweenThem() {
        assertThat(lossPlot().frame().x().labels()).containsExactly("1", "2", "3", "4");
        assertThat(LinePlot.titled("halves").line("loss", new double[] {1, 1.5, 2, 2.5}, TRAIN).frame().x().labels())
                .anyMatch(label -> label.contains("."));
    }

    @Test
    void constantAndTinyRangesGetSeveralLabels() {
        double[] x = oneTo(5);
        assertThat(LinePlot.titled("flat").line("loss", x, new double[] {0.7, 0.7, 0.7, 0.7, 0.7}).frame().y().labels())
                .hasSizeGreaterThanOrEqualTo(3).contains("0.7");
        assertThat(LinePlot.titled("tiny").line("loss", x, new double[] {0.3284, 0.3286, 0.3290, 0.3287, 0.3285})
                .frame().y().labels()).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
    }

    @Test
    void logAxesLabelPowersOfTenOrMinorTicksAndAlwaysThree() {
        double[] x = {1, 2, 3, 4, 5, 6, 7};
        LinePlot decades = LinePlot.titled("rates").logY().points("rate", x, new double[] {1e-4, 1e-3, 1e-2, 1e-1, 1,
            10, 100});
        assertThat(decades.frame().y().labels()).containsExactly("10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹", "10²");

        // batch-noise: values between about 0.3 and 3 showed one label, "1", under the axis title
        double[] batch = {1, 4, 16, 64, 256, 1024};
        LinePlot noise = LinePlot.titled("Gradient noise").xAxis("batch size").yAxis("noise").logX().logY()
                .line("noise", batch, new double[] {3, 1.8, 1.1, 0.7, 0.45, 0.3});
        assertThat(noise.frame().y().labels()).containsExactly("0.3", "0.5", "1", "2", "3");
        assertThat(noise.frame().x().labels()).containsExactly("10⁰", "10¹", "10²", "10³");

        LinePlot narrow = LinePlot.titled("narrow").logY().line("loss", oneTo(3), new double[] {0.31, 0.4, 0.45});
        assertThat(narrow.frame().y().labels()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void theDataIsDrawnExactlyIntoThePlotAreaTheFrameLaysOut() {
        LinePlot plot = lossPlot().logY();
        AxesFrame frame = plot.frame();
        var chart = plot.chart(frame);
        java.awt.Rectangle area = frame.area();
        BufferedImage scratch = new BufferedImage(area.width, area.height, BufferedImage.TYPE_INT_RGB);
        chart.paint(scratch.createGraphics(), area.width, area.height);
        for (AxisScale.Tick tick : frame.x().ticks()) {
            assertThat(area.x + chart.getScreenXFromChart(tick.at())).isCloseTo(frame.screenX(tick.at()), within(0.01));
        }
        for (AxisScale.Tick tick : frame.y().ticks()) {
            assertThat(area.y + chart.getScreenYFromChart(tick.at())).isCloseTo(frame.screenY(tick.at()), within(0.01));
        }
    }

    @Test
    void svgTextIsTextTitleAxisTitlesTickLabelsAndLegend(@TempDir Path dir) throws Exception {
        LinePlot plot = lossPlot();
        List<String> texts = PlotFiles.svgTexts(plot.save(dir, "loss").get(1));
        assertThat(texts).contains("Loss & <accuracy>", "epoch", "loss (cross-entropy, nats)", "train", "validation",
                "gap").containsAll(plot.frame().y().labels()).contains("2", "3");
        assertThat(Files.readString(dir.resolve("loss.svg"))).contains("font-family:&quot;")
                .contains("&quot;,sans-serif;");
    }

    @Test
    void yIncludesZeroShowsASmallChangeAtItsTrueScale() {
        double[] accuracy = {98.7, 99.2, 99.6, 100};
        LinePlot zoomed = LinePlot.titled("accuracy").line("train", EPOCHS, accuracy);
        assertThat(zoomed.frame().y().min()).isGreaterThan(90);
        LinePlot whole = LinePlot.titled("accuracy").line("train", EPOCHS, accuracy).yIncludesZero();
        assertThat(whole.frame().y().min()).isZero();
        assertThat(whole.frame().y().labels()).hasSizeGreaterThanOrEqualTo(3).contains("0", "100");

        assertThatThrownBy(() -> LinePlot.titled("Loss").logY().yIncludesZero())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LinePlot \"Loss\": yIncludesZero and logY exclude each other: a logarithmic axis has "
                        + "no zero");
        assertThatThrownBy(() -> LinePlot.titled("Loss").yIncludesZero().logY())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exclude each other");
    }

    // ---------------------------------------------------------------------------------------------
    // sweeps, reference lines

    @Test
    void sweepsMarkEveryPointWithTheirOwnShapeAndTickAtTheSweptValues() {
        double[] lr = {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1};
        LinePlot plot = LinePlot.titled("Learning-rate sweep").xAxis("learning rate").yAxis("final loss").logX()
                .sweep("SGD", lr, new double[] {2.1, 1.5, 0.9, 0.5, 0.4, 0.6, 3})
                .points("best", new double[] {0.1}, new double[] {0.4})
                .sweep("momentum 0.9", lr, new double[] {2.3, 1.9, 1.2, 0.8, 0.6, 0.5, 0.9});
        assertThat(plot.frame().x().labels()).containsExactly("0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1");

        List<LegendStrip.Entry> legend = plot.legend().entries();
        assertThat(legend).extracting(LegendStrip.Entry::symbol).containsExactly(LegendStrip.Symbol.LINE_AND_MARKER,
                LegendStrip.Symbol.MARKER, LegendStrip.Symbol.LINE_AND_MARKER);
        assertThat(legend).extracting(LegendStrip.Entry::marker).doesNotHaveDuplicates();

        double[] sizes = {8, 16, 32, 64, 128};
        assertThat(LinePlot.titled("batch").sweep("loss", sizes, new double[] {1, 2, 3, 4, 5}).frame().x().labels())
                .as("linear too").containsExactly("8", "16", "32", "64", "128");
        // two swept values, or beyond a dozen: round ticks
        assertThat(LinePlot.titled("two").sweep("loss", new double[] {0.1, 0.2}, new double[] {1, 2}).frame().x()
                .labels()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(LinePlot.titled("many").sweep("loss", oneTo(20), oneTo(20)).frame().x().labels())
                .hasSizeLessThan(20).contains("10", "20");
        // asked for: any series
        assertThat(LinePlot.titled("asked").line("loss", sizes, oneTo(5)).xTicksAtData().frame().x().labels())
                .containsExactly("8", "16", "32", "64", "128");
    }

    @Test
    void referenceLinesAreDashedGreyLeaveTheColoursAloneAndAreInTheLegend(@TempDir Path dir) throws Exception {
        double[] kappa = {1, 10, 100, 1000};
        double[] steps = {3, 21, 240, 2100};
        double[] theory = new double[4];
        for (int i = 0; i < 4; i++) {
            theory[i] = kappa[i] * Math.log(1 / 1e-1);
        }
        LinePlot plot = LinePlot.titled("Steps to converge").xAxis("condition number κ").yAxis("steps").logX().logY()
                .reference("κ·ln(1/ρ)", kappa, theory)
                .points("measured", kappa, steps)
                .reference("bound", kappa, kappa);
        List<LegendStrip.Entry> legend = plot.legend().entries();
        assertThat(legend).extracting(LegendStrip.Entry::symbol).containsExactly(LegendStrip.Symbol.DASHED,
                LegendStrip.Symbol.MARKER, LegendStrip.Symbol.DASHED);
        assertThat(legend.get(1).color()).as("the first colour, as without the reference")
                .isEqualTo(PlotStyle.color(0));
        assertThat(legend.get(0).color()).isEqualTo(PlotStyle.REFERENCE);
        assertThat(legend.get(0).stroke()).isNotEqualTo(legend.get(2).stroke());

        Path svg = plot.save(dir, "steps").get(1);
        assertThat(Files.readString(svg)).contains("stroke:rgb(85,85,85);stroke-width:1.6")
                .contains("stroke-dasharray:7,5;").contains("stroke-dasharray:1.5,3.5;");
        assertThat(PlotFiles.svgTexts(svg)).contains("κ·ln(1/ρ)", "bound");
    }

    // ---------------------------------------------------------------------------------------------
    // clipping and notes

    @Test
    void yRangeClipsAndANoteSaysWhatWasCutOff(@TempDir Path dir) throws Exception {
        LinePlot plot = LinePlot.titled("Loss by learning rate").xAxis("epoch").yAxis("loss")
                .line("lr 0.1", EPOCHS, new double[] {2.3, 1.2, 0.8, 0.6})
                .line("lr 4.0", EPOCHS, new double[] {2.3, 17, 320, 41})
                .line("shifted", EPOCHS, new double[] {-1.5, 0.5, 1, 1.2})
                .line("wild", EPOCHS, new double[] {-8, 0.5, 1, 9.25})
                .yRange(0, 4);
        assertThat(plot.notes()).containsExactly("‘lr 4.0’ clipped: peaks at 320 (off scale)",
                "‘shifted’ clipped: falls to -1.5 (off scale)", "‘wild’ clipped: spans -8 to 9.25 (off scale)");
        assertThat(plot.frame().y().min()).isZero();
        assertThat(plot.frame().y().max()).isEqualTo(4);
        assertThat(PlotFiles.svgTexts(plot.save(dir, "clipped").get(1))).containsAll(plot.notes());

        assertThatThrownBy(() -> LinePlot.titled("Loss").yRange(4, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LinePlot \"Loss\": yRange needs finite values with min < max, got 4.0 to 0.0");
        assertThatThrownBy(() -> LinePlot.titled("Loss").logY().yRange(0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yRange starts at 0.0");
        assertThatThrownBy(() -> LinePlot.titled("Loss").yRange(0, 4).logY())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yRange starts at 0.0");
    }

    @Test
    void notesAreWrittenInsideThePlotAreaInThePngAndTheSvg(@TempDir Path dir) throws Exception {
        String note = "the trajectory lies 97.8 % outside this plane";
        LinePlot plain = lossPlot();
        LinePlot noted = lossPlot().note(note);
        java.awt.Rectangle area = noted.frame().area();
        java.awt.Rectangle top = new java.awt.Rectangle(area.x + 2, area.y + 2, area.width - 4, 40);
        BufferedImage without = PlotFiles.png(plain.save(dir, "plain").get(0));
        List<Path> files = noted.save(dir, "noted");
        assertThat(PlotFiles.darkPixels(without, top)).isZero();
        assertThat(PlotFiles.darkPixels(PlotFiles.png(files.get(0)), top)).as("the note's text").isGreaterThan(50);
        assertThat(PlotFiles.svgTexts(files.get(1))).contains(note);

        assertThatThrownBy(() -> lossPlot().note(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a note needs some text");
    }

    @Test
    void longNotesWrapAtSpaces() {
        List<String> lines = PlotNotes.wrap("the trajectory lies 97.8 % outside this plane, so read the slice "
                + "as a sketch of the landscape", 200);
        assertThat(lines).hasSizeGreaterThan(1)
                .allSatisfy(line -> assertThat(Text.width(line, PlotNotes.FONT)).isLessThanOrEqualTo(200));
        assertThat(String.join(" ", lines)).startsWith("the trajectory lies 97.8 %").endsWith("of the landscape");
    }
}
