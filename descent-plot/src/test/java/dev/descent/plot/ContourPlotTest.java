package dev.descent.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContourPlotTest {

    private static double[] axis(double from, double to, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = from + (to - from) * i / (n - 1);
        }
        return values;
    }

    /** f(x, y) = x² + 25 y², the ill-conditioned quadratic, on [-10, 10] × [-3, 3]. */
    private static final double[] X = axis(-10, 10, 81);
    private static final double[] Y = axis(-3, 3, 25);
    private static final double[][] F = quadratic(X, Y);

    private static double[][] quadratic(double[] x, double[] y) {
        double[][] z = new double[y.length][x.length];
        for (int r = 0; r < y.length; r++) {
            for (int c = 0; c < x.length; c++) {
                z[r][c] = x[c] * x[c] + 25 * y[r] * y[r];
            }
        }
        return z;
    }

    /** Gradient descent from (-9, 2.5) with learning rate lr: x shrinks by 1 - 2 lr, y by 1 - 50 lr. */
    private static double[][] descent(double lr, int steps) {
        double[][] path = new double[2][steps + 1];
        path[0][0] = -9;
        path[1][0] = 2.5;
        for (int k = 0; k < steps; k++) {
            path[0][k + 1] = path[0][k] * (1 - 2 * lr);
            path[1][k + 1] = path[1][k] * (1 - 50 * lr);
        }
        return path;
    }

    private static ContourPlot quadraticPlot() {
        double[][] gd = descent(0.036, 30);
        double[][] slow = descent(0.01, 30);
        double[] px = {2, 5, -4};
        double[] py = {1.2, -0.8, 0.9};
        double[] gx = new double[3];
        double[] gy = new double[3];
        for (int k = 0; k < 3; k++) {
            double dx = -2 * px[k];
            double dy = -50 * py[k];
            gx[k] = 1.5 * dx / Math.hypot(dx, dy);
            gy[k] = 1.5 * dy / Math.hypot(dx, dy);
        }
        return ContourPlot.titled("GD on x² + 25 y² <quadratic>")
                .xAxis("x").yAxis("y").zAxis("f(x, y)")
                .grid(X, Y, F)
                .levels(1, 4, 9, 16, 25, 36, 49, 64, 81, 100)
                .path("lr 0.036", gd[0], gd[1])
                .path("lr 0.01", slow[0], slow[1])
                .arrows("−∇f direction", px, py, gx, gy)
                .equalAspect();
    }

    @Test
    void writesAPngAndAnSvgCarryingTheTitle(@TempDir Path dir) throws Exception {
        List<Path> files = quadraticPlot().save(dir.resolve("plots"), "quadratic");

        assertThat(files).containsExactly(dir.resolve("plots/quadratic.png"), dir.resolve("plots/quadratic.svg"));
        BufferedImage png = PlotFiles.png(files.get(0));
        assertThat(png.getWidth()).isEqualTo(900);
        assertThat(png.getHeight()).as("fitted to the 20 × 6 domain").isBetween(420, 600);
        assertThat(png.getRGB(2, 2) & 0xFFFFFF).as("white background").isEqualTo(0xFFFFFF);
        assertThat(PlotFiles.hasPixel(png, 0x0072B2)).as("the first path in Okabe-Ito blue").isTrue();
        assertThat(PlotFiles.hasPixel(png, 0xD55E00)).as("the second in vermillion").isTrue();
        assertThat(PlotFiles.svgTitle(files.get(1))).isEqualTo("GD on x² + 25 y² <quadratic>");
        assertThat(Files.readString(files.get(1)))
                .contains("viewBox=\"0 0 900 " + png.getHeight() + "\"")
                .contains("stroke:rgb(0,158,115)"); // the arrows, bluish green
        try (var listing = Files.list(dir.resolve("plots"))) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("quadratic.png", "quadratic.svg");
        }
    }

    @Test
    void withoutEqualAspectTheImageIs900By600AndTheAxesSpanTheGrid(@TempDir Path dir) throws Exception {
        ContourPlot plot = ContourPlot.titled("Loss slice").xAxis("α").yAxis("β").grid(X, Y, F).levels(6);
        ContourPlot.Layout layout = plot.layout();
        assertThat(layout.xMin()).isEqualTo(-10);
        assertThat(layout.xMax()).isEqualTo(10);
        assertThat(layout.yMin()).isEqualTo(-3);
        assertThat(layout.yMax()).isEqualTo(3);
        assertThat(layout.pixelsPerY() / layout.pixelsPerX()).as("stretched to fill").isGreaterThan(1.5);

        BufferedImage png = PlotFiles.png(plot.save(dir, "slice").get(0));
        assertThat(png.getWidth()).isEqualTo(ContourPlot.DEFAULT_WIDTH).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(ContourPlot.DEFAULT_HEIGHT).isEqualTo(600);
    }

    @Test
    void equalAspectGivesBothAxesTheSameScaleAndKeepsTheData() {
        ContourPlot.Layout fitted = quadraticPlot().layout();
        assertThat(fitted.pixelsPerX()).isCloseTo(fitted.pixelsPerY(), within(0.005 * fitted.pixelsPerX()));
        assertThat(fitted.xMin()).isLessThanOrEqualTo(-10);
        assertThat(fitted.xMax()).isGreaterThanOrEqualTo(10);
        assertThat(fitted.yMin()).isLessThanOrEqualTo(-3);
        assertThat(fitted.yMax()).isGreaterThanOrEqualTo(3);
        assertThat(fitted.yMax() - fitted.yMin()).as("the image is fitted, so little is widened").isLessThan(8);

        // a square image: the y axis is widened around the middle of the data
        ContourPlot.Layout square = quadraticPlot().size(800, 800).layout();
        assertThat(square.width()).isEqualTo(800);
        assertThat(square.height()).isEqualTo(800);
        assertThat(square.pixelsPerX()).isCloseTo(square.pixelsPerY(), within(0.005 * square.pixelsPerX()));
        assertThat(square.xMin()).isCloseTo(-10, within(1e-9));
        assertThat(square.xMax()).isCloseTo(10, within(1e-9));
        assertThat(square.yMin()).isCloseTo(-square.yMax(), within(1e-9)).isLessThan(-6);

        // a square domain: a nearly square image, 900 high
        double[] unit = axis(-1, 1, 21);
        ContourPlot.Layout landscape = ContourPlot.titled("slice").grid(unit, unit, quadratic(unit, unit))
                .equalAspect().layout();
        assertThat(landscape.height()).isEqualTo(900);
        assertThat(landscape.width()).isBetween(700, 900);
        assertThat(landscape.pixelsPerX()).isCloseTo(landscape.pixelsPerY(), within(0.005 * landscape.pixelsPerX()));
    }

    @Test
    void pathsAndArrowsBeyondTheGridWidenTheAxes() {
        ContourPlot.Layout layout = ContourPlot.titled("wide").grid(X, Y, F)
                .path("escape", new double[] {0, 14}, new double[] {0, 1})
                .arrows("down", new double[] {0}, new double[] {-3}, new double[] {0}, new double[] {-2})
                .layout();
        assertThat(layout.xMin()).isEqualTo(-10);
        assertThat(layout.xMax()).isGreaterThan(14);
        assertThat(layout.yMin()).isLessThan(-5);
        assertThat(layout.yMax()).isEqualTo(3);
    }

    @Test
    void levelsAreSpacedEvenlyOrGeometricallyAndLabelledShortly() {
        double[] x = {0, 1};
        double[] y = {0, 1};
        assertThat(ContourPlot.titled("t").grid(x, y, new double[][] {{0, 5}, {5, 10}}).levels(4).levelValues())
                .containsExactly(new double[] {2, 4, 6, 8}, within(1e-12));
        assertThat(ContourPlot.titled("t").logLevels().grid(x, y, new double[][] {{1, 100}, {100, 10000}})
                .levels(3).levelValues())
                .containsExactly(new double[] {10, 100, 1000}, within(1e-9));
        assertThat(ContourPlot.titled("t").grid(x, y, new double[][] {{0, 5}, {5, 10}}).levels(3, 1, 3, 2)
                .levelValues()).containsExactly(1, 2, 3);
        assertThat(ContourPlot.titled("t").grid(x, y, new double[][] {{0, 5}, {5, 11}}).levelValues())
                .hasSize(ContourPlot.DEFAULT_LEVEL_COUNT);
        assertThat(ContourPlot.titled("flat").grid(x, y, new double[][] {{2, 2}, {2, 2}}).levelValues()).isEmpty();

        assertThat(ContourPlot.levelLabel(0.031234)).isEqualTo("0.0312");
        assertThat(ContourPlot.levelLabel(121)).isEqualTo("121");
        assertThat(ContourPlot.levelLabel(1234.5)).isEqualTo("1230");
        assertThat(ContourPlot.levelLabel(2.5e-5)).isEqualTo("2.5e-05");
    }

    @Test
    void nonFiniteValuesLeaveTheirCellsOutAndAFlatOrUncrossedGridStillSaves(@TempDir Path dir) throws Exception {
        double[][] holes = quadratic(X, Y);
        holes[10][40] = Double.NaN;
        holes[0][0] = Double.NEGATIVE_INFINITY;
        List<Path> files = ContourPlot.titled("holes").grid(X, Y, holes).levels(4)
                .path("with a gap", new double[] {-5, Double.NaN, 5}, new double[] {1, 0, -1})
                .save(dir, "holes");
        assertThat(PlotFiles.png(files.get(0)).getWidth()).isEqualTo(900);

        files = ContourPlot.titled("no level crosses").grid(X, Y, F).levels(1e6).save(dir, "empty");
        assertThat(PlotFiles.svgTitle(files.get(1))).isEqualTo("no level crosses");
    }

    @Test
    void longPathsAreDrawnWithoutMarkersAndThinnedForTheSvg(@TempDir Path dir) throws Exception {
        int n = 5000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = -9 + 18.0 * k / (n - 1);
            y[k] = 2 * Math.sin(k / 400.0);
        }
        List<Path> files = ContourPlot.titled("long").grid(X, Y, F).path("SGD", x, y).save(dir, "long");
        assertThat(Files.size(files.get(1))).as("SVG bytes").isLessThan(600_000);
        assertThat(PlotFiles.png(files.get(0)).getHeight()).isEqualTo(600);
    }

    @Test
    void simplifyingKeepsALineWithinAQuarterPixel() {
        double[] x = axis(0, 10, 200);
        double[] y = new double[200];
        assertThat(ContourPlot.simplified(x, y, 80, 80)[0]).as("a straight line").containsExactly(0, 10);

        double[] cx = new double[721];
        double[] cy = new double[721];
        for (int k = 0; k <= 720; k++) {
            cx[k] = Math.cos(Math.toRadians(k / 2.0));
            cy[k] = Math.sin(Math.toRadians(k / 2.0));
        }
        double[][] kept = ContourPlot.simplified(cx, cy, 300, 300); // a circle 300 pixels in radius
        assertThat(kept[0].length).isBetween(20, 200);
        for (int k = 1; k < kept[0].length; k++) {
            // the chord's middle stays within a quarter pixel of the circle
            double mx = (kept[0][k] + kept[0][k - 1]) / 2;
            double my = (kept[1][k] + kept[1][k - 1]) / 2;
            assertThat((1 - Math.hypot(mx, my)) * 300).isLessThanOrEqualTo(0.26);
        }
    }

    @Test
    void gridShapesAndAxesAreCheckedNamingThePlotAndIndex() {
        double[] x = {0, 1, 2};
        double[] y = {0, 1};
        assertThatThrownBy(() -> ContourPlot.titled("Loss").grid(x, y, new double[3][3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ContourPlot \"Loss\": grid: z has 3 rows but y has 2 values; z[row][column] needs one "
                        + "row per y value");
        assertThatThrownBy(() -> ContourPlot.titled("Loss").grid(x, y, new double[][] {{1, 2, 3}, {1, 2}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ContourPlot \"Loss\": grid: z[1] has 2 values but x has 3; every row of z needs one "
                        + "value per x value");
        assertThatThrownBy(() -> ContourPlot.titled("Loss").grid(new double[] {0, 1, 1}, y, new double[2][3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ContourPlot \"Loss\": grid: x[2] = 1.0 is not greater than x[1] = 1.0; x must be "
                        + "increasing");
        assertThatThrownBy(() -> ContourPlot.titled("Loss").grid(x, new double[] {1, 0}, new double[2][3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grid: y[1] = 0.0 is not greater than y[0] = 1.0");
        assertThatThrownBy(() -> ContourPlot.titled("Loss").grid(x, new double[] {0, Double.NaN}, new double[2][3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grid: y[1] = NaN is not finite");
        assertThatThrownBy(() -> ContourPlot.titled("Loss").grid(new double[] {0}, y, new double[2][1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grid: x has 1 values; a grid needs at least two along each axis");
        assertThatThrownBy(() -> ContourPlot.titled("Loss").grid(x, y, new double[][] {{1, 2, 3}, null}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grid: z[1] is null");
        double nan = Double.NaN;
        assertThatThrownBy(() -> ContourPlot.titled("Loss").grid(x, y, new double[][] {{nan, nan, nan}, {nan, nan,
            Double.POSITIVE_INFINITY}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grid: none of the 6 values of z is finite");
        assertThatThrownBy(() -> ContourPlot.titled("Loss").grid(null, y, new double[2][3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grid: x is null");
    }

    @Test
    void logLevelsNeedAPositiveGridInEitherOrder() {
        double[] x = {0, 1};
        double[] y = {0, 1};
        double[][] withZero = {{1, 2}, {0, Double.NaN}};
        assertThatThrownBy(() -> ContourPlot.titled("Loss").logLevels().grid(x, y, withZero))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ContourPlot \"Loss\": grid: z[1][0] = 0.0 is not positive, and the levels are "
                        + "logarithmic (logLevels)");
        ContourPlot plot = ContourPlot.titled("Loss").grid(x, y, withZero);
        assertThatThrownBy(plot::logLevels)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("z[1][0] = 0.0 is not positive");
        // NaN is left out, not refused
        assertThat(ContourPlot.titled("Loss").logLevels().grid(x, y, new double[][] {{1, 2}, {3, Double.NaN}})
                .levels(1).levelValues()).hasSize(1);
    }

    @Test
    void pathsAndArrowsAreCheckedNamingTheSeriesAndTheArrays() {
        ContourPlot plot = ContourPlot.titled("Loss").grid(X, Y, F);
        assertThatThrownBy(() -> plot.path("GD", new double[] {1, 2, 3}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ContourPlot \"Loss\": series \"GD\": x has 3 values but y has 2; they need one value "
                        + "per point");
        double[] three = {1, 2, 3};
        assertThatThrownBy(() -> plot.arrows("grad", three, three, three, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ContourPlot \"Loss\": series \"grad\": x0 has 3 values but dy has 2; they need one "
                        + "value per point");
        assertThatThrownBy(() -> plot.arrows("grad", three, three, null, three))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("series \"grad\": dx is null");
        double nan = Double.NaN;
        assertThatThrownBy(() -> plot.path("diverged", new double[] {nan, 1}, new double[] {0, nan}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("series \"diverged\": none of its 2 points is finite");
        assertThatThrownBy(() -> plot.path("empty", new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("series \"empty\": no points");
        plot.path("GD", three, three);
        assertThatThrownBy(() -> plot.arrows("GD", three, three, three, three))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("series \"GD\": the plot already has a series of that name");
        assertThatThrownBy(() -> plot.path(" ", three, three))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a series needs a name");
    }

    @Test
    void levelsSizesAndSavingAreChecked(@TempDir Path dir) {
        ContourPlot plot = ContourPlot.titled("Loss");
        assertThatThrownBy(() -> plot.levels(1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ContourPlot \"Loss\": levels[1] = NaN is not finite");
        assertThatThrownBy(() -> plot.levels(new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("levels: no values given");
        assertThatThrownBy(() -> plot.levels(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the count must be 1 to 100, got 0");
        assertThatThrownBy(() -> plot.size(100, 400))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100 x 400");
        assertThatThrownBy(() -> plot.save(dir, "loss"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ContourPlot \"Loss\": no grid");
        assertThatThrownBy(() -> quadraticPlot().save(dir, "sub/loss"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sub/loss");
    }

    @Test
    void arraysAreCopiedWhenAdded(@TempDir Path dir) {
        double[] x = {0, 1};
        double[] y = {0, 1};
        double[][] z = {{1, 2}, {3, 4}};
        double[] px = {0.2, 0.8};
        ContourPlot plot = ContourPlot.titled("copies").grid(x, y, z).path("p", px, px);
        x[1] = -5;
        z[1] = null;
        px[1] = Double.NaN;
        assertThat(plot.layout().xMax()).isEqualTo(1);
        assertThat(plot.save(dir, "copies")).hasSize(2);
    }

    @Test
    void notesAndAllTextAreTextInTheSvgAndTheNoteShowsInThePng(@TempDir Path dir) throws Exception {
        String note = "the trajectory lies 97.8 % outside this plane";
        ContourPlot slice = ContourPlot.titled("Loss slice").xAxis("α").yAxis("β").zAxis("loss (nats)")
                .grid(X, Y, F).levels(6);
        List<Path> plain = slice.save(dir, "plain");
        List<Path> noted = slice.note(note).save(dir, "noted");

        List<String> texts = PlotFiles.svgTexts(noted.get(1));
        assertThat(texts).contains("Loss slice", "α", "β", "level curves: loss (nats)", note, "-10", "0", "10");
        assertThat(PlotFiles.svgTexts(plain.get(1))).doesNotContain(note);

        // the plot area begins below the title; the note's box sits in one of its top corners
        java.awt.Rectangle top = new java.awt.Rectangle(70, 50, 800, 35);
        BufferedImage without = PlotFiles.png(plain.get(0));
        BufferedImage with = PlotFiles.png(noted.get(0));
        assertThat(PlotFiles.darkPixels(with, top)).as("the note's text")
                .isGreaterThan(PlotFiles.darkPixels(without, top) + 50);

        assertThatThrownBy(() -> slice.note(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a note needs some text");
    }
}
