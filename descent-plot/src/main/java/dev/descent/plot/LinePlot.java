package dev.descent.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A plot of curves against a common x axis: lines, points (scatter) and shaded bands between
 * two curves, with a title, axis titles and a legend below the plot, written as PNG and SVG.
 *
 * <pre>
 *   LinePlot.titled("Loss per epoch")
 *           .xAxis("epoch")
 *           .yAxis("loss (cross-entropy, nats)")
 *           .line("train", epochs, trainLoss)
 *           .line("validation", epochs, validationLoss)
 *           .band("generalisation gap", epochs, trainLoss, validationLoss)
 *           .save(Path.of("runs/r1/plots"), "loss");   // loss.png and loss.svg
 * </pre>
 *
 * <p>Series take the Okabe-Ito colours in the order they are added, so the same call order gives
 * the same colours in every plot, and the legend below the plot lists them in that order. Bands
 * are drawn first, under the lines and points, filled with their colour at a quarter opacity.
 * Tick labels are plain decimals with a point ("0.05", "8000") whatever the locale; a log axis
 * labels 1, 2, ..., 9 times a power of ten when its values span at most a decade, else the
 * powers of ten only.
 *
 * <p>What is checked, each failure an {@link IllegalArgumentException} naming the plot, the
 * series and, for a bad value, its index:
 * <ul>
 *   <li>the arrays of a series have the same length, and at least one point;</li>
 *   <li>a point with a NaN or infinite value (in any of its arrays) is left out, and a line joins
 *       its neighbours across it (a metric not measured every epoch still draws as one line); a
 *       series with no finite point at all is refused, since it would draw nothing;</li>
 *   <li>on a logarithmic axis ({@link #logX()}, {@link #logY()}, in either order with the
 *       series), every drawn value on that axis is positive;</li>
 *   <li>series names are unique, as the legend tells series apart by them.</li>
 * </ul>
 * The arrays are copied when a series is added. Not thread-safe; build a plot on one thread.
 */
public final class LinePlot {
    /** The size of the written image, in pixels, unless {@link #size} says otherwise. */
    public static final int DEFAULT_WIDTH = 900;
    public static final int DEFAULT_HEIGHT = 600;

    private static final Marker[] POINT_MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};

    static {
        ChartFiles.ensureHeadless();
    }

    private enum Kind { LINE, POINTS, BAND }

    /** For a band, {@code y} is the lower curve and {@code upper} the upper one; otherwise {@code upper} is null. */
    private record Series(Kind kind, String name, double[] x, double[] y, double[] upper) {
        double[][] arrays() {
            return upper == null ? new double[][] {x, y} : new double[][] {x, y, upper};
        }
    }

    private final String title;
    private String xLabel = "";
    private String yLabel = "";
    private boolean logX;
    private boolean logY;
    private int width = DEFAULT_WIDTH;
    private int height = DEFAULT_HEIGHT;
    private final List<Series> series = new ArrayList<>();

    private LinePlot(String title) {
        this.title = title;
    }

    /** A new, empty plot with this title (shown above the plot). */
    public static LinePlot titled(String title) {
        return new LinePlot(Objects.requireNonNull(title, "title"));
    }

    /** The x axis title; say the unit, e.g. {@code "epoch"} or {@code "step (updates)"}. */
    public LinePlot xAxis(String label) {
        this.xLabel = Objects.requireNonNull(label, "label");
        return this;
    }

    /** The y axis title; say the unit, e.g. {@code "loss (cross-entropy, nats)"}. */
    public LinePlot yAxis(String label) {
        this.yLabel = Objects.requireNonNull(label, "label");
        return this;
    }

    /** A base-10 logarithmic x axis; every drawn x value must be positive. */
    public LinePlot logX() {
        for (Series s : series) {
            SeriesChecks.positiveOnLogAxis(describe(), s.name(), "x", "x", s.x(), s.arrays());
        }
        logX = true;
        return this;
    }

    /** A base-10 logarithmic y axis; every drawn y value (both curves of a band) must be positive. */
    public LinePlot logY() {
        for (Series s : series) {
            checkLogY(s);
        }
        logY = true;
        return this;
    }

    /** The image size in pixels (default 900 × 600); both at least 200 and at most 10000. */
    public LinePlot size(int width, int height) {
        checkSize(describe(), width, height);
        this.width = width;
        this.height = height;
        return this;
    }

    /** A line through the points {@code (x[i], y[i])} in the given order, without markers. */
    public LinePlot line(String name, double[] x, double[] y) {
        return add(Kind.LINE, name, x, y, null);
    }

    /** The points {@code (x[i], y[i])} as markers only (a scatter plot). */
    public LinePlot points(String name, double[] x, double[] y) {
        return add(Kind.POINTS, name, x, y, null);
    }

    /**
     * The area between two curves over the same {@code x} (in increasing order), shaded
     * semi-transparent, with a legend entry: e.g. the gap between training and validation loss,
     * or a spread across seeds. The curves may cross; the area between them is shaded either way.
     */
    public LinePlot band(String name, double[] x, double[] lower, double[] upper) {
        return add(Kind.BAND, name, x, lower, upper);
    }

    /**
     * Writes {@code <baseName>.png} ({@link #DEFAULT_WIDTH} × {@link #DEFAULT_HEIGHT} unless
     * {@link #size} changed it) and {@code <baseName>.svg} into {@code directory}, creating it
     * if needed, replacing files of those names.
     *
     * @return the two files, PNG first
     * @throws IllegalStateException when the plot has no series
     * @throws java.io.UncheckedIOException naming the file, when a file cannot be written
     */
    public List<Path> save(Path directory, String baseName) {
        XYChart chart = chart();
        LegendStrip legend = legend();
        int legendHeight = legend.height(width);
        ChartFiles.Painting painting = g -> {
            chart.paint(g, width, height - legendHeight);
            g.setClip(null);
            legend.draw(g, height - legendHeight, width);
        };
        return ChartFiles.save(painting, width, height, title, directory, baseName);
    }

    /** The XChart chart this plot draws, without its legend (each call builds a new one). */
    XYChart chart() {
        if (series.isEmpty()) {
            throw new IllegalStateException(describe() + ": no series to draw; add one with line, points or band");
        }
        XYChart chart = new XYChart(width, height);
        chart.setTitle(title);
        chart.setXAxisTitle(xLabel);
        chart.setYAxisTitle(yLabel);
        XYStyler styler = chart.getStyler();
        PlotStyle.apply(styler);
        styler.setLegendVisible(false); // drawn by LegendStrip
        styler.setZoomEnabled(false);
        styler.setCursorEnabled(false);
        styler.setMarkerSize(PlotStyle.MARKER_SIZE);
        styler.setXAxisLogarithmic(logX);
        styler.setYAxisLogarithmic(logY);
        // XChart takes the formatter in place of its own tick calculator, which a log axis needs.
        // A log axis labels 1, 2, ..., 9 times a power of ten within a decade; over more, those
        // labels would run into each other, so only the powers of ten are labelled.
        if (logX) {
            styler.setXAxisLogarithmicDecadeOnly(decades(true) > 1);
        } else {
            styler.setxAxisTickLabelsFormattingFunction(TickLabels::format);
        }
        if (logY) {
            styler.setYAxisLogarithmicDecadeOnly(decades(false) > 1);
        } else {
            styler.setyAxisTickLabelsFormattingFunction(TickLabels::format);
        }
        for (int i = 0; i < series.size(); i++) {
            if (series.get(i).kind() == Kind.BAND) {
                addBand(chart, series.get(i), PlotStyle.color(i));
            }
        }
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (s.kind() == Kind.LINE) {
                addLine(chart, s, PlotStyle.color(i));
            } else if (s.kind() == Kind.POINTS) {
                addPoints(chart, s, PlotStyle.color(i), marker(i));
            }
        }
        if (!logX) {
            niceXTicks(chart);
        }
        return chart;
    }

    /** How many powers of ten the drawn values span on the x axis ({@code true}) or the y axis. */
    private double decades(boolean xAxis) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            double[][] arrays = s.arrays();
            for (int i = 0; i < s.x().length; i++) {
                if (SeriesChecks.finiteAt(i, arrays)) {
                    for (int a = xAxis ? 0 : 1; a < (xAxis ? 1 : arrays.length); a++) {
                        min = Math.min(min, arrays[a][i]);
                        max = Math.max(max, arrays[a][i]);
                    }
                }
            }
        }
        return Math.log10(max) - Math.log10(min);
    }

    /** One entry per series, in the order they were added. */
    private LegendStrip legend() {
        LegendStrip legend = new LegendStrip();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            LegendStrip.Symbol symbol = switch (s.kind()) {
                case LINE -> SeriesChecks.finiteCount(s.arrays()) == 1 ? LegendStrip.Symbol.MARKER
                        : LegendStrip.Symbol.LINE;
                case POINTS -> LegendStrip.Symbol.MARKER;
                case BAND -> LegendStrip.Symbol.BOX;
            };
            Marker marker = s.kind() == Kind.POINTS ? marker(i) : SeriesMarkers.CIRCLE;
            legend.add(new LegendStrip.Entry(s.name(), symbol, PlotStyle.color(i), marker));
        }
        return legend;
    }

    /** Scatter series take the marker shapes in turn, so they differ by shape as well as colour. */
    private Marker marker(int seriesIndex) {
        int pointSeries = 0;
        for (int i = 0; i < seriesIndex; i++) {
            if (series.get(i).kind() == Kind.POINTS) {
                pointSeries++;
            }
        }
        return POINT_MARKERS[pointSeries % POINT_MARKERS.length];
    }

    /**
     * When the x values of all series are equally spaced, XChart puts its ticks on data values and
     * misjudges whether their labels fit: thousands of steps give overlapping labels like "1153".
     * Beyond a dozen distinct values, one invisible point between the first two x values makes
     * the spacing uneven, and XChart chooses round ticks (0, 2000, 4000, ...) instead.
     */
    private static void niceXTicks(XYChart chart) {
        TreeSet<Double> xs = new TreeSet<>();
        double anyY = Double.NaN;
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double x : s.getXData()) {
                xs.add(x);
            }
            anyY = s.getYData()[0];
        }
        if (xs.size() <= 12) {
            return;
        }
        double first = xs.first();
        double between = first + (xs.higher(first) - first) / 2;
        XYSeries spacer = chart.addSeries("\u0000spacer", new double[] {between}, new double[] {anyY});
        spacer.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        spacer.setMarker(SeriesMarkers.NONE);
        spacer.setShowInLegend(false);
    }

    private LinePlot add(Kind kind, String name, double[] x, double[] y, double[] upper) {
        String plot = describe();
        SeriesChecks.requireNewName(plot, name, series.stream().map(Series::name).toList());
        String yName = kind == Kind.BAND ? "lower" : "y";
        SeriesChecks.requireArray(plot, name, "x", x);
        SeriesChecks.requireArray(plot, name, yName, y);
        SeriesChecks.sameLength(plot, name, "x", x, yName, y);
        if (kind == Kind.BAND) {
            SeriesChecks.requireArray(plot, name, "upper", upper);
            SeriesChecks.sameLength(plot, name, "x", x, "upper", upper);
        }
        Series s = new Series(kind, name, x.clone(), y.clone(), upper == null ? null : upper.clone());
        SeriesChecks.requireFinitePoint(plot, name, s.arrays());
        if (logX) {
            SeriesChecks.positiveOnLogAxis(plot, name, "x", "x", s.x(), s.arrays());
        }
        if (logY) {
            checkLogY(s);
        }
        series.add(s);
        return this;
    }

    private void checkLogY(Series s) {
        SeriesChecks.positiveOnLogAxis(describe(), s.name(), "y", s.kind() == Kind.BAND ? "lower" : "y", s.y(),
                s.arrays());
        if (s.upper() != null) {
            SeriesChecks.positiveOnLogAxis(describe(), s.name(), "y", "upper", s.upper(), s.arrays());
        }
    }

    private static void addLine(XYChart chart, Series s, Color color) {
        double[][] finite = finitePoints(s.arrays());
        XYSeries line = chart.addSeries(s.name(), finite[0], finite[1]);
        line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        line.setLineColor(color);
        line.setLineWidth(PlotStyle.LINE_WIDTH);
        line.setLineStyle(new BasicStroke(PlotStyle.LINE_WIDTH, BasicStroke.CAP_ROUND,
                BasicStroke.JOIN_ROUND));
        line.setMarkerColor(color);
        // a single point draws no line at all: show it as a marker rather than nothing
        line.setMarker(finite[0].length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }

    private static void addPoints(XYChart chart, Series s, Color color, Marker marker) {
        double[][] finite = finitePoints(s.arrays());
        XYSeries points = chart.addSeries(s.name(), finite[0], finite[1]);
        points.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        points.setMarker(marker);
        points.setMarkerColor(color);
        points.setLineStyle(SeriesLines.NONE);
    }

    /** The polygon along the upper curve, then back along the lower one, filled translucent. */
    private static void addBand(XYChart chart, Series s, Color color) {
        double[][] finite = finitePoints(s.arrays());
        int n = finite[0].length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = finite[0][i];
            py[i] = finite[2][i];
            px[2 * n - 1 - i] = finite[0][i];
            py[2 * n - 1 - i] = finite[1][i];
        }
        XYSeries band = chart.addSeries(s.name(), px, py);
        band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(PlotStyle.translucent(color));
        band.setLineColor(PlotStyle.translucent(color));
        band.setLineStyle(new BasicStroke(1f));
        band.setMarker(SeriesMarkers.NONE);
        band.setMarkerColor(color);
    }

    /** The points finite in every array, one array per input array. */
    private static double[][] finitePoints(double[][] arrays) {
        int n = SeriesChecks.finiteCount(arrays);
        double[][] kept = new double[arrays.length][n];
        int k = 0;
        for (int i = 0; i < arrays[0].length; i++) {
            if (SeriesChecks.finiteAt(i, arrays)) {
                for (int a = 0; a < arrays.length; a++) {
                    kept[a][k] = arrays[a][i];
                }
                k++;
            }
        }
        return kept;
    }

    static void checkSize(String plot, int width, int height) {
        if (width < 200 || width > 10_000 || height < 200 || height > 10_000) {
            throw new IllegalArgumentException(plot + ": size must be within 200 to 10000 pixels each way, got "
                    + width + " x " + height);
        }
    }

    private String describe() {
        return "LinePlot \"" + title + "\"";
    }
}
