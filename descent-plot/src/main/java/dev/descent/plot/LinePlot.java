package dev.descent.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.DoubleStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A plot of curves against a common x axis: lines, points (scatter), sweeps (lines with a marker
 * at every point), shaded bands between two curves and dashed reference lines, with a title, axis
 * titles, notes inside the plot and a legend below it, written as PNG and SVG.
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
 * <p>Series take the Okabe-Ito colours in the order they are added (reference lines aside, which
 * are dark grey), so the same call order gives the same colours in every plot, and the legend
 * below the plot lists every series in that order. Points and sweeps take marker shapes in turn
 * (circle, square, diamond, ...). Bands are drawn first, filled with their colour at a quarter
 * opacity, then reference lines, then the rest.
 *
 * <p>The axes are drawn here, XChart draws only the data: XChart cannot be told where to put
 * ticks, puts them on the data values when those are evenly spaced (Tune's scores 66.67 and 100
 * were labelled "66.6666666667" and "100", nothing else), and labels a log axis at whole decades
 * only (a lone "1" between 0.3 and 3). A linear y axis is widened by 3% of the data's span at
 * each end and then to round ticks (1, 2 or 5 times a power of ten apart), so that its ends are
 * labelled; an x axis is widened by 3% only. Every axis has at least three tick labels, plain
 * decimals with a point ("0.05", "8000") whatever the locale, and an axis of whole numbers
 * (epochs) has no ticks between them. A logarithmic axis is drawn as a linear axis over the
 * base-10 logarithms of the values, which lets its ticks go anywhere: powers of ten labelled
 * "10⁻⁴", "10⁰", "10³" when at least three fit, else 1, 2, 3, 5 times them ("0.3", "0.5", "1",
 * "2"), else, within a narrow range, round decimals. Sweeps with 3 to {@value #MAX_SWEEP_TICKS}
 * distinct x values, or {@link #xTicksAtData()}, put the x ticks at the data's x values instead.
 *
 * <p>Text (title, axis titles, tick labels, legend, notes) is written into the SVG as
 * {@code <text>}, so it can be searched and selected.
 *
 * <p>What is checked, each failure an {@link IllegalArgumentException} naming the plot, the
 * series and, for a bad value, its index:
 * <ul>
 *   <li>the arrays of a series have the same length, and at least one point;</li>
 *   <li>a point with a NaN or infinite value (in any of its arrays) is left out, and a line joins
 *       its neighbours across it (a metric not measured every epoch still draws as one line); a
 *       series with no finite point at all is refused, since it would draw nothing;</li>
 *   <li>on a logarithmic axis ({@link #logX()}, {@link #logY()}, in either order with the
 *       series), every drawn value on that axis is positive, and so are both ends of a
 *       {@link #yRange};</li>
 *   <li>series names are unique, as the legend tells series apart by them;</li>
 *   <li>a {@link #yRange} is finite and increasing; {@link #yIncludesZero()} and {@link #logY()}
 *       exclude each other; a note is not blank.</li>
 * </ul>
 * The arrays are copied when a series is added. Not thread-safe; build a plot on one thread.
 */
public final class LinePlot {
    /** The size of the written image, in pixels, unless {@link #size} says otherwise. */
    public static final int DEFAULT_WIDTH = 900;
    public static final int DEFAULT_HEIGHT = 600;
    /** A plot with sweeps puts its x ticks at the swept values when there are 3 to this many. */
    public static final int MAX_SWEEP_TICKS = 12;

    private static final Marker[] POINT_MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};

    static {
        ChartFiles.ensureHeadless();
    }

    private enum Kind { LINE, POINTS, BAND, SWEEP, REFERENCE }

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
    private double[] yRange;
    private boolean yIncludesZero;
    private boolean xTicksAtData;
    private final List<Series> series = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

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
        if (yIncludesZero) {
            throw new IllegalArgumentException(describe() + ": logY and yIncludesZero exclude each other: a "
                    + "logarithmic axis has no zero");
        }
        if (yRange != null && !(yRange[0] > 0)) {
            throw new IllegalArgumentException(describe() + ": yRange starts at " + yRange[0]
                    + ", which is not positive, and the y axis would be logarithmic");
        }
        for (Series s : series) {
            checkLogY(s);
        }
        logY = true;
        return this;
    }

    /**
     * Shows y from {@code min} to {@code max} exactly, whatever the data. Values beyond are cut
     * off at the frame, and for each series that has some, a note inside the plot says so: e.g.
     * "‘lr 4.0’ clipped: peaks at 320 (off scale)". Takes precedence over {@link #yIncludesZero()}.
     */
    public LinePlot yRange(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
            throw new IllegalArgumentException(describe() + ": yRange needs finite values with min < max, got "
                    + min + " to " + max);
        }
        if (logY && !(min > 0)) {
            throw new IllegalArgumentException(describe() + ": yRange starts at " + min
                    + ", which is not positive, and the y axis is logarithmic");
        }
        this.yRange = new double[] {min, max};
        return this;
    }

    /**
     * Extends the y axis to zero, so that a change is seen at its true scale (a 1.3 % change is
     * not zoomed onto); not with {@link #logY()}.
     */
    public LinePlot yIncludesZero() {
        if (logY) {
            throw new IllegalArgumentException(describe() + ": yIncludesZero and logY exclude each other: a "
                    + "logarithmic axis has no zero");
        }
        this.yIncludesZero = true;
        return this;
    }

    /**
     * Puts the x ticks at the distinct x values of the lines, points and sweeps (not of bands and
     * reference lines), labelled with those values; labels that would run into each other are
     * left out. Sweeps get this without asking when they have 3 to {@value #MAX_SWEEP_TICKS}
     * distinct x values.
     */
    public LinePlot xTicksAtData() {
        this.xTicksAtData = true;
        return this;
    }

    /**
     * A short note written inside the plot area, in its top-left or top-right corner (whichever
     * fewer lines cross), on a light background: e.g. "the trajectory lies 97.8 % outside this
     * plane". Notes stack in the order given; a long one wraps.
     */
    public LinePlot note(String text) {
        notes.add(requireNote(describe(), text));
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
     * A parameter sweep: a line through the points {@code (x[i], y[i])} with a marker on every
     * point, each sweep its own marker shape, shown so in the legend. With 3 to
     * {@value #MAX_SWEEP_TICKS} distinct swept values, the x ticks sit on them.
     */
    public LinePlot sweep(String name, double[] x, double[] y) {
        return add(Kind.SWEEP, name, x, y, null);
    }

    /**
     * A reference line, e.g. a bound or a theoretical curve such as κ·ln(1/ρ): dashed, dark grey
     * and thinner than the data, listed in the legend. A second and third reference line are
     * dotted and dash-dotted.
     */
    public LinePlot reference(String name, double[] x, double[] y) {
        return add(Kind.REFERENCE, name, x, y, null);
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
        AxesFrame frame = frame();
        XYChart chart = chart(frame);
        LegendStrip legend = legend();
        int chartHeight = height - legend.height(width);
        Rectangle area = frame.area();
        List<String> written = notes();
        PlotNotes plotNotes = new PlotNotes(written, area.width);
        Rectangle2D noteBox = written.isEmpty() ? null : plotNotes.box(area, marks(frame));
        ChartFiles.Painting painting = g -> {
            frame.drawGrid(g);
            drawReferences(g, frame);
            g.translate(area.x, area.y);
            chart.paint(g, area.width, area.height);
            g.translate(-area.x, -area.y);
            g.setClip(null);
            frame.drawAxes(g);
            plotNotes.draw(g, noteBox);
            legend.draw(g, chartHeight, width);
        };
        return ChartFiles.save(painting, width, height, title, directory, baseName);
    }

    /** The axes, their ticks and the plot area, as {@link #save} draws them. */
    AxesFrame frame() {
        if (series.isEmpty()) {
            throw new IllegalStateException(describe() + ": no series to draw; add one with line, points, sweep, "
                    + "reference or band");
        }
        int chartHeight = height - legend().height(width);
        AxesFrame.Titles titles = new AxesFrame.Titles(title, xLabel, yLabel);
        AxisScale y = yScale(AxesFrame.plotHeight(titles, chartHeight));
        AxisScale x = xScale(AxesFrame.plotWidth(titles, width, y));
        return new AxesFrame(titles, width, chartHeight, x, y);
    }

    /** The notes written in the plot: the caller's, then one per series cut off by {@link #yRange}. */
    List<String> notes() {
        List<String> all = new ArrayList<>(notes);
        if (yRange == null) {
            return all;
        }
        for (Series s : series) {
            double[] range = range(List.of(s), false);
            boolean over = range[1] > yRange[1];
            boolean under = range[0] < yRange[0];
            String name = "\u2018" + s.name() + "\u2019 clipped: ";
            if (over && under) {
                all.add(name + "spans " + rounded(range[0]) + " to " + rounded(range[1]) + " (off scale)");
            } else if (over) {
                all.add(name + "peaks at " + rounded(range[1]) + " (off scale)");
            } else if (under) {
                all.add(name + "falls to " + rounded(range[0]) + " (off scale)");
            }
        }
        return all;
    }

    private AxisScale yScale(double pixels) {
        if (yRange != null) {
            return logY ? AxisScale.logarithmic(yRange[0], yRange[1], AxisScale.Range.EXACT, pixels, false)
                    : AxisScale.linear(yRange[0], yRange[1], AxisScale.Range.EXACT, pixels, false);
        }
        double[] range = range(series, false);
        if (logY) {
            return AxisScale.logarithmic(range[0], range[1], AxisScale.Range.PADDED, pixels, false);
        }
        if (yIncludesZero) {
            range = new double[] {Math.min(0, range[0]), Math.max(0, range[1])};
        }
        return AxisScale.linear(range[0], range[1], AxisScale.Range.ROUNDED, pixels, false, integral(false));
    }

    private AxisScale xScale(double pixels) {
        double[] range = range(series, true);
        double[] ticksAt = xTicksAt();
        if (ticksAt != null) {
            return AxisScale.atValues(range[0], range[1], logX, ticksAt, pixels, true);
        }
        return logX ? AxisScale.logarithmic(range[0], range[1], AxisScale.Range.PADDED, pixels, true)
                : AxisScale.linear(range[0], range[1], AxisScale.Range.PADDED, pixels, true, integral(true));
    }

    /** The x values to put ticks at (see {@link #xTicksAtData()}), or null for round ticks. */
    private double[] xTicksAt() {
        TreeSet<Double> all = new TreeSet<>();
        TreeSet<Double> swept = new TreeSet<>();
        for (Series s : series) {
            if (s.kind() == Kind.BAND || s.kind() == Kind.REFERENCE) {
                continue;
            }
            for (double x : finitePoints(s.arrays())[0]) {
                all.add(x);
                if (s.kind() == Kind.SWEEP) {
                    swept.add(x);
                }
            }
        }
        boolean sweepTicks = swept.size() >= AxisScale.MIN_LABELS && swept.size() <= MAX_SWEEP_TICKS;
        TreeSet<Double> at = xTicksAtData ? all : sweepTicks ? swept : null;
        return at == null ? null : at.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** {min, max} over the finite points of these series, on the x axis or the y axis (both curves of a band). */
    private static double[] range(List<Series> of, boolean xAxis) {
        DoubleSummaryStatistics values = values(of, xAxis).summaryStatistics();
        return new double[] {values.getMin(), values.getMax()};
    }

    /** Whether every value on the axis is a whole number (epochs, counts): then no ticks fall between them. */
    private boolean integral(boolean xAxis) {
        return values(series, xAxis).allMatch(v -> v == Math.rint(v));
    }

    /** The values of the finite points of these series on the x axis, or on the y axis (both curves of a band). */
    private static DoubleStream values(List<Series> of, boolean xAxis) {
        DoubleStream.Builder values = DoubleStream.builder();
        for (Series s : of) {
            double[][] arrays = s.arrays();
            for (int i = 0; i < s.x().length; i++) {
                if (SeriesChecks.finiteAt(i, arrays)) {
                    for (int a = xAxis ? 0 : 1; a < (xAxis ? 1 : arrays.length); a++) {
                        values.add(arrays[a][i]);
                    }
                }
            }
        }
        return values.build();
    }

    /** The XChart chart of the data alone, for the frame's plot area, in drawn units (logarithms on a log axis). */
    XYChart chart(AxesFrame frame) {
        Rectangle area = frame.area();
        XYChart chart = new XYChart(area.width, area.height);
        XYStyler styler = chart.getStyler();
        frame.contentStyle(styler);
        styler.setZoomEnabled(false);
        styler.setCursorEnabled(false);
        styler.setMarkerSize(PlotStyle.MARKER_SIZE);
        for (int i = 0; i < series.size(); i++) {
            if (series.get(i).kind() == Kind.BAND) {
                addBand(chart, series.get(i).name(), drawn(series.get(i), frame), color(i));
            }
        }
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            switch (s.kind()) {
                case LINE -> addLine(chart, s.name(), drawn(s, frame), color(i), SeriesMarkers.CIRCLE, false);
                case SWEEP -> addLine(chart, s.name(), drawn(s, frame), color(i), marker(i), true);
                case POINTS -> addPoints(chart, s.name(), drawn(s, frame), color(i), marker(i));
                default -> { } // bands above; reference lines are drawn by drawReferences
            }
        }
        return chart;
    }

    /** The series' finite points in drawn units: {x, y} or {x, lower, upper}. */
    private static double[][] drawn(Series s, AxesFrame frame) {
        double[][] points = finitePoints(s.arrays());
        for (int a = 0; a < points.length; a++) {
            AxisScale axis = a == 0 ? frame.x() : frame.y();
            for (int i = 0; i < points[a].length; i++) {
                points[a][i] = axis.position(points[a][i]);
            }
        }
        return points;
    }

    /**
     * Reference lines as one path each, clipped to the plot area. Drawn here rather than by XChart,
     * which draws a line segment by segment and so restarts the dash pattern at every point: a
     * finely sampled curve would come out solid.
     */
    private void drawReferences(Graphics2D g, AxesFrame frame) {
        g.setClip(frame.area());
        int k = 0;
        for (Series s : series) {
            if (s.kind() != Kind.REFERENCE) {
                continue;
            }
            double[][] pixels = screen(s, frame);
            Path2D.Double path = new Path2D.Double();
            path.moveTo(pixels[0][0], pixels[1][0]);
            for (int i = 1; i < pixels[0].length; i++) {
                path.lineTo(pixels[0][i], pixels[1][i]);
            }
            g.setPaint(PlotStyle.REFERENCE);
            g.setStroke(PlotStyle.referenceStroke(k++));
            g.draw(path);
        }
        g.setClip(null);
    }

    /** The finite points of a series (the lower curve of a band) in pixels. */
    private static double[][] screen(Series s, AxesFrame frame) {
        double[][] points = drawn(s, frame);
        for (int i = 0; i < points[0].length; i++) {
            points[0][i] = frame.screenX(points[0][i]);
            points[1][i] = frame.screenY(points[1][i]);
        }
        return points;
    }

    /** The lines and points drawn, in pixels: what a note should not cover (bands may be covered). */
    private List<Line2D> marks(AxesFrame frame) {
        List<Line2D> marks = new ArrayList<>();
        for (Series s : series) {
            if (s.kind() == Kind.BAND) {
                continue;
            }
            double[][] p = screen(s, frame);
            boolean joined = s.kind() != Kind.POINTS;
            for (int i = 0; i < p[0].length; i++) {
                int from = joined && i > 0 ? i - 1 : i;
                marks.add(new Line2D.Double(p[0][from], p[1][from], p[0][i], p[1][i]));
            }
        }
        return marks;
    }

    /** One entry per series, in the order they were added. */
    LegendStrip legend() {
        LegendStrip legend = new LegendStrip();
        int references = 0;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            boolean single = SeriesChecks.finiteCount(s.arrays()) == 1;
            LegendStrip.Entry entry = switch (s.kind()) {
                case LINE -> new LegendStrip.Entry(s.name(), single ? LegendStrip.Symbol.MARKER
                        : LegendStrip.Symbol.LINE, color(i), SeriesMarkers.CIRCLE);
                case POINTS -> new LegendStrip.Entry(s.name(), LegendStrip.Symbol.MARKER, color(i), marker(i));
                case SWEEP -> new LegendStrip.Entry(s.name(), single ? LegendStrip.Symbol.MARKER
                        : LegendStrip.Symbol.LINE_AND_MARKER, color(i), marker(i));
                case BAND -> new LegendStrip.Entry(s.name(), LegendStrip.Symbol.BOX, color(i), SeriesMarkers.CIRCLE);
                case REFERENCE -> new LegendStrip.Entry(s.name(), LegendStrip.Symbol.DASHED, PlotStyle.REFERENCE,
                        SeriesMarkers.NONE, PlotStyle.referenceStroke(references++));
            };
            legend.add(entry);
        }
        return legend;
    }

    /** Series other than reference lines take the palette's colours in turn. */
    private Color color(int seriesIndex) {
        int coloured = 0;
        for (int i = 0; i < seriesIndex; i++) {
            if (series.get(i).kind() != Kind.REFERENCE) {
                coloured++;
            }
        }
        return PlotStyle.color(coloured);
    }

    /** Points and sweeps take the marker shapes in turn, so they differ by shape as well as colour. */
    private Marker marker(int seriesIndex) {
        int marked = 0;
        for (int i = 0; i < seriesIndex; i++) {
            Kind kind = series.get(i).kind();
            if (kind == Kind.POINTS || kind == Kind.SWEEP) {
                marked++;
            }
        }
        return POINT_MARKERS[marked % POINT_MARKERS.length];
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

    /** A line; a sweep is a line with a marker on every point, and a single point shows as a marker. */
    private static void addLine(XYChart chart, String name, double[][] points, Color color, Marker marker,
                                boolean marked) {
        XYSeries line = chart.addSeries(name, points[0], points[1]);
        line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        line.setLineColor(color);
        line.setLineWidth(PlotStyle.LINE_WIDTH);
        line.setLineStyle(new BasicStroke(PlotStyle.LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        line.setMarkerColor(color);
        line.setMarker(marked || points[0].length == 1 ? marker : SeriesMarkers.NONE);
    }

    private static void addPoints(XYChart chart, String name, double[][] points, Color color, Marker marker) {
        XYSeries scatter = chart.addSeries(name, points[0], points[1]);
        scatter.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        scatter.setMarker(marker);
        scatter.setMarkerColor(color);
        scatter.setLineStyle(SeriesLines.NONE);
    }

    /** The polygon along the upper curve, then back along the lower one, filled translucent. */
    private static void addBand(XYChart chart, String name, double[][] points, Color color) {
        int n = points[0].length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = points[0][i];
            py[i] = points[2][i];
            px[2 * n - 1 - i] = points[0][i];
            py[2 * n - 1 - i] = points[1][i];
        }
        XYSeries band = chart.addSeries(name, px, py);
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

    /** A value in a note: three significant digits. */
    private static String rounded(double value) {
        return TickLabels.format(new BigDecimal(value).round(new MathContext(3)).doubleValue());
    }

    static String requireNote(String plot, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(plot + ": a note needs some text, got "
                    + (text == null ? "null" : "\"" + text + "\""));
        }
        return text.strip();
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
