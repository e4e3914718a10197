package dev.descent.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Level curves of a function of two variables sampled on a grid, with trajectories (paths) and
 * arrows drawn over them, written as PNG and SVG: e.g. gradient descent with and without
 * momentum on an ill-conditioned quadratic, with gradient arrows orthogonal to the level
 * curves, or a two-dimensional slice of a loss landscape with the optimizer's projected
 * trajectory.
 *
 * <pre>
 *   ContourPlot.titled("Gradient descent on f(x, y) = x² + 25 y²")
 *           .xAxis("x").yAxis("y")
 *           .grid(xs, ys, f)                    // f[row][column] at (xs[column], ys[row])
 *           .levels(1, 4, 16, 36, 64, 100)
 *           .path("GD, lr 0.035", gdX, gdY)
 *           .path("momentum 0.5", mX, mY)
 *           .arrows("−∇f (direction)", px, py, gx, gy)
 *           .equalAspect()
 *           .save(Path.of("runs/r1/plots"), "descent");   // descent.png and descent.svg
 * </pre>
 *
 * <p>The level curves are found by marching squares (saddle cells decided by the mean of their
 * corners) and drawn as thin grey lines, a few of them labelled with their value; cells with a
 * NaN or infinite corner are left out. Without {@link #levels}, ten levels are spaced evenly
 * between the smallest and largest finite value (geometrically with {@link #logLevels()}).
 * Paths and arrows take the Okabe-Ito colours in the order they are added, as a
 * {@link LinePlot}'s series do. A path is a line with small markers (none beyond
 * {@value #MAX_MARKED_POINTS} points), its start a hollow circle and its end a filled square;
 * arrows have heads of a fixed size in pixels. The axes span the grid, widened to take in every
 * path and arrow; {@link #equalAspect()} widens one of them further so that a unit is as long on
 * both, which is what makes a gradient look orthogonal to its level curve. Ticks are round
 * values within the axes, at least three on each. {@link #note} writes a
 * short note in a top corner of the plot area, e.g. how far a trajectory strays from the plane
 * of a loss-landscape slice. Text is drawn as text, so the SVG holds it as {@code <text>}.
 *
 * <p>What is checked, each failure an {@link IllegalArgumentException} naming the plot, the
 * grid or series, and the index:
 * <ul>
 *   <li>the grid: {@code z} has one row per {@code y} value and one value per {@code x} value in
 *       each row, {@code x} and {@code y} are finite and increasing, at least two of each, and
 *       some {@code z} is finite; with {@link #logLevels()}, every finite {@code z} is positive;</li>
 *   <li>paths and arrows: arrays of the same length, at least one point (arrow) finite in every
 *       array; points and arrows with a NaN or infinite value are left out (a path joins its
 *       neighbours across them); names unique and non-blank;</li>
 *   <li>level values finite, a level count from 1 to 100; a note not blank.</li>
 * </ul>
 * Arrays are copied when added. Not thread-safe; build a plot on one thread.
 */
public final class ContourPlot {
    /** The image size in pixels, unless {@link #size} says otherwise (see {@link #equalAspect()}). */
    public static final int DEFAULT_WIDTH = 900;
    public static final int DEFAULT_HEIGHT = 600;
    /** Levels drawn when {@link #levels} was not called. */
    public static final int DEFAULT_LEVEL_COUNT = 10;
    /** Paths of more points than this are drawn without the small markers on each point. */
    public static final int MAX_MARKED_POINTS = 150;

    static final Color LEVEL_COLOR = new Color(0x8A97A6);
    static final Color LEVEL_LABEL_COLOR = new Color(0x4F5B69);
    static final float LEVEL_WIDTH = 1.1f;
    static final float PATH_WIDTH = 2f;
    static final int PATH_MARKER_SIZE = 6;
    static final Font LEVEL_LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** The marks at the ends of paths, in the legend: neutral, as they stand for every path. */
    private static final Color MARK_LEGEND_COLOR = new Color(0x444444);
    /** Sizes fitted to the data with {@link #equalAspect()} stay within these bounds. */
    private static final int MIN_FITTED_SIZE = 420;
    private static final int MAX_FITTED_SIZE = 900;
    private static final int MAX_LEVEL_COUNT = 100;
    private static final int MAX_LEVEL_LABELS = 10;
    /**
     * Level curves, and paths without markers, are thinned to the points that keep them within
     * this many pixels of the full line (XChart writes each segment as an SVG element).
     */
    private static final double SIMPLIFY_PIXELS = 0.25;

    static {
        ChartFiles.ensureHeadless();
    }

    private enum Kind { PATH, ARROWS }

    /** For arrows, {@code x, y} are the tails and {@code dx, dy} the displacements; for a path those are null. */
    private record Series(Kind kind, String name, double[] x, double[] y, double[] dx, double[] dy) {
        double[][] arrays() {
            return dx == null ? new double[][] {x, y} : new double[][] {x, y, dx, dy};
        }
    }

    /** The canvas and the data range shown, and how many pixels a unit is on each axis. */
    record Layout(int width, int height, double xMin, double xMax, double yMin, double yMax,
                  double pixelsPerX, double pixelsPerY) {
    }

    /** A level curve and the level it belongs to. */
    record Curve(double level, Contours.Polyline line) {
    }

    private final String title;
    private String xLabel = "";
    private String yLabel = "";
    private String zLabel = "";
    private int width = DEFAULT_WIDTH;
    private int height = DEFAULT_HEIGHT;
    private boolean sized;
    private double[] gridX;
    private double[] gridY;
    private double[][] gridZ;
    private double[] levelValues;
    private int levelCount = DEFAULT_LEVEL_COUNT;
    private boolean logLevels;
    private boolean equalAspect;
    private final List<Series> series = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private ContourPlot(String title) {
        this.title = title;
    }

    /** A new plot with this title (shown above it); give it a {@link #grid} before saving. */
    public static ContourPlot titled(String title) {
        return new ContourPlot(Objects.requireNonNull(title, "title"));
    }

    /** The x axis title; say the unit, e.g. {@code "x"} or {@code "α (along direction 1)"}. */
    public ContourPlot xAxis(String label) {
        this.xLabel = Objects.requireNonNull(label, "label");
        return this;
    }

    /** The y axis title. */
    public ContourPlot yAxis(String label) {
        this.yLabel = Objects.requireNonNull(label, "label");
        return this;
    }

    /**
     * What the level curves measure, e.g. {@code "loss (nats)"}: the legend then reads "level
     * curves: loss (nats)" rather than "level curves".
     */
    public ContourPlot zAxis(String label) {
        this.zLabel = Objects.requireNonNull(label, "label");
        return this;
    }

    /**
     * The image size in pixels, both at least 200 and at most 10000. Without it the image is
     * 900 × 600, or with {@link #equalAspect()} fitted to the data's shape (see there).
     */
    public ContourPlot size(int width, int height) {
        LinePlot.checkSize(describe(), width, height);
        this.width = width;
        this.height = height;
        this.sized = true;
        return this;
    }

    /**
     * The sampled function: {@code z[row][column]} sampled at {@code (x[column], y[row])}, with
     * {@code x} and {@code y} increasing (not necessarily evenly). Replaces any grid given before.
     * NaN and infinite values are allowed: the cells around them are left without curves.
     */
    public ContourPlot grid(double[] x, double[] y, double[][] z) {
        String where = describe() + ": grid: ";
        if (x == null || y == null || z == null) {
            throw new IllegalArgumentException(where + (x == null ? "x" : y == null ? "y" : "z") + " is null");
        }
        increasing(where, "x", x);
        increasing(where, "y", y);
        if (z.length != y.length) {
            throw new IllegalArgumentException(where + "z has " + z.length + " rows but y has " + y.length
                    + " values; z[row][column] needs one row per y value");
        }
        boolean anyFinite = false;
        for (int r = 0; r < z.length; r++) {
            if (z[r] == null) {
                throw new IllegalArgumentException(where + "z[" + r + "] is null");
            }
            if (z[r].length != x.length) {
                throw new IllegalArgumentException(where + "z[" + r + "] has " + z[r].length + " values but x has "
                        + x.length + "; every row of z needs one value per x value");
            }
            for (double v : z[r]) {
                anyFinite |= Double.isFinite(v);
            }
        }
        if (!anyFinite) {
            throw new IllegalArgumentException(where + "none of the " + (long) x.length * y.length
                    + " values of z is finite (every one is NaN or infinite), so there is nothing to draw");
        }
        double[][] copy = Arrays.stream(z).map(double[]::clone).toArray(double[][]::new);
        if (logLevels) {
            positiveGrid(copy);
        }
        this.gridX = x.clone();
        this.gridY = y.clone();
        this.gridZ = copy;
        return this;
    }

    /** The levels to draw, in any order (duplicates count once); a level outside the grid's range draws nothing. */
    public ContourPlot levels(double... values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(describe() + ": levels: no values given; give at least one level, "
                    + "or a count with levels(int)");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(describe() + ": levels[" + i + "] = " + values[i]
                        + " is not finite");
            }
        }
        this.levelValues = new TreeSet<>(Arrays.stream(values).boxed().toList()).stream()
                .mapToDouble(Double::doubleValue).toArray();
        return this;
    }

    /**
     * This many levels, spaced evenly strictly between the smallest and the largest finite value
     * of the grid (geometrically with {@link #logLevels()}); 1 to 100. Replaces levels given
     * before.
     */
    public ContourPlot levels(int count) {
        if (count < 1 || count > MAX_LEVEL_COUNT) {
            throw new IllegalArgumentException(describe() + ": levels: the count must be 1 to " + MAX_LEVEL_COUNT
                    + ", got " + count);
        }
        this.levelCount = count;
        this.levelValues = null;
        return this;
    }

    /**
     * Levels spaced geometrically (each the same factor above the previous): for losses that span
     * decades. Every finite value of the grid must then be positive (checked now, or when the
     * grid is given). Affects {@link #levels(int)} and the default levels, not levels given as
     * values.
     */
    public ContourPlot logLevels() {
        if (gridZ != null) {
            positiveGrid(gridZ);
        }
        this.logLevels = true;
        return this;
    }

    /**
     * A trajectory through the points {@code (x[i], y[i])} in order: a line with small markers,
     * its first point marked by a hollow circle and its last by a filled square, with a legend
     * entry.
     */
    public ContourPlot path(String name, double[] x, double[] y) {
        String plot = describe();
        SeriesChecks.requireNewName(plot, name, names());
        SeriesChecks.requireArray(plot, name, "x", x);
        SeriesChecks.requireArray(plot, name, "y", y);
        SeriesChecks.sameLength(plot, name, "x", x, "y", y);
        Series s = new Series(Kind.PATH, name, x.clone(), y.clone(), null, null);
        SeriesChecks.requireFinitePoint(plot, name, s.arrays());
        series.add(s);
        return this;
    }

    /**
     * Arrows from {@code (x0[i], y0[i])} to {@code (x0[i] + dx[i], y0[i] + dy[i])}, in data units,
     * with heads of a fixed size in pixels, and a legend entry. Scale {@code dx, dy} to lengths
     * that read well on the plot (e.g. a gradient normalised to a tenth of the axis span).
     */
    public ContourPlot arrows(String name, double[] x0, double[] y0, double[] dx, double[] dy) {
        String plot = describe();
        SeriesChecks.requireNewName(plot, name, names());
        SeriesChecks.requireArray(plot, name, "x0", x0);
        SeriesChecks.requireArray(plot, name, "y0", y0);
        SeriesChecks.requireArray(plot, name, "dx", dx);
        SeriesChecks.requireArray(plot, name, "dy", dy);
        SeriesChecks.sameLength(plot, name, "x0", x0, "y0", y0);
        SeriesChecks.sameLength(plot, name, "x0", x0, "dx", dx);
        SeriesChecks.sameLength(plot, name, "x0", x0, "dy", dy);
        Series s = new Series(Kind.ARROWS, name, x0.clone(), y0.clone(), dx.clone(), dy.clone());
        SeriesChecks.requireFinitePoint(plot, name, s.arrays());
        series.add(s);
        return this;
    }

    /**
     * The same scale on both axes: one unit of x is as many pixels as one unit of y, so angles
     * are true (a gradient crosses its level curve at a right angle). One axis is widened beyond
     * the data to make it so. Without {@link #size}, the image is then fitted to the data's
     * shape, so that little is widened: 900 pixels wide and as high as the data asks (at least
     * 420), or, for data taller than wide, 900 high and as wide as it asks (at least 420); a
     * square domain gives a nearly square image.
     */
    public ContourPlot equalAspect() {
        this.equalAspect = true;
        return this;
    }

    /**
     * A short note written inside the plot area, in its top-left or top-right corner (whichever
     * fewer paths and arrows cross), on a light background, e.g. "the trajectory lies 97.8 %
     * outside this plane" under a loss-landscape slice. Notes stack in the order given; a long
     * one wraps; level labels keep clear of them.
     */
    public ContourPlot note(String text) {
        notes.add(LinePlot.requireNote(describe(), text));
        return this;
    }

    /**
     * Writes {@code <baseName>.png} and {@code <baseName>.svg} into {@code directory}, creating
     * it if needed, replacing files of those names.
     *
     * @return the two files, PNG first
     * @throws IllegalStateException when no {@link #grid} was given
     * @throws java.io.UncheckedIOException naming the file, when a file cannot be written
     */
    public List<Path> save(Path directory, String baseName) {
        requireGrid();
        List<Curve> curves = curves();
        LegendStrip legend = legend(!curves.isEmpty());
        Layout layout = layout(legend);
        int legendHeight = legend.height(layout.width());
        AxesFrame frame = frame(layout.width(), layout.height() - legendHeight,
                new double[] {layout.xMin(), layout.xMax(), layout.yMin(), layout.yMax()});
        XYChart chart = chart(frame, layout, curves);
        Rectangle area = frame.area();
        List<Line2D> obstacles = obstacles(frame);
        PlotNotes plotNotes = new PlotNotes(notes, area.width);
        Rectangle2D noteBox = plotNotes.box(area, obstacles);
        ChartFiles.Painting painting = g -> {
            g.translate(area.x, area.y);
            chart.paint(g, area.width, area.height);
            g.translate(-area.x, -area.y);
            g.setClip(null);
            frame.drawAxes(g);
            drawOverlay(g, frame, curves, obstacles, noteBox);
            plotNotes.draw(g, noteBox);
            legend.draw(g, layout.height() - legendHeight, layout.width());
        };
        return ChartFiles.save(painting, layout.width(), layout.height(), title, directory, baseName);
    }

    // ---------------------------------------------------------------------------------------------
    // levels and curves

    /** The levels drawn, in increasing order. */
    double[] levelValues() {
        requireGrid();
        if (levelValues != null) {
            return levelValues.clone();
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : gridZ) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!(max > min)) {
            return new double[0]; // a flat grid has no level curves
        }
        double[] levels = new double[levelCount];
        for (int k = 1; k <= levelCount; k++) {
            double t = (double) k / (levelCount + 1);
            levels[k - 1] = logLevels ? min * Math.pow(max / min, t) : min + (max - min) * t;
        }
        return levels;
    }

    private List<Curve> curves() {
        List<Curve> curves = new ArrayList<>();
        for (double level : levelValues()) {
            for (Contours.Polyline line : Contours.at(gridX, gridY, gridZ, level)) {
                curves.add(new Curve(level, line));
            }
        }
        return curves;
    }

    /** A level as its label prints it: three significant digits, a point for decimals. */
    static String levelLabel(double level) {
        return TickLabels.format(new BigDecimal(level).round(new MathContext(3)).doubleValue());
    }

    // ---------------------------------------------------------------------------------------------
    // layout

    /** The canvas size and axis ranges that {@link #save} uses. */
    Layout layout() {
        requireGrid();
        return layout(legend(!curves().isEmpty()));
    }

    /** The canvas size and axis ranges; with equalAspect, ranges widened so both axes share a scale. */
    private Layout layout(LegendStrip legend) {
        double[] data = dataRange();
        int w = width;
        int h = height;
        int legendHeight = legend.height(w);
        if (!equalAspect) {
            double[] plotArea = measure(w, h - legendHeight, data);
            return layoutOf(w, h, data, plotArea);
        }
        double dataWidth = data[1] - data[0];
        double dataHeight = data[3] - data[2];
        if (!sized) {
            // 900 wide and as high as the data's shape asks; data taller than wide: 900 high, narrower
            double[] plotArea = measure(w, h - legendHeight, data);
            double chromeHeight = h - plotArea[1];
            double chromeWidth = w - plotArea[0];
            double fitted = plotArea[0] * dataHeight / dataWidth + chromeHeight;
            if (fitted <= MAX_FITTED_SIZE) {
                h = (int) Math.round(Math.max(MIN_FITTED_SIZE, fitted));
            } else {
                h = MAX_FITTED_SIZE;
                double plotWidth = (h - chromeHeight) * dataWidth / dataHeight;
                w = (int) Math.round(Math.max(MIN_FITTED_SIZE, plotWidth + chromeWidth));
                legendHeight = legend.height(w);
            }
        }
        // The plot area depends a little on the tick labels, which depend on the ranges: settle it.
        double[] range = data;
        double[] plotArea = measure(w, h - legendHeight, range);
        for (int round = 0; round < 6; round++) {
            double scale = Math.min(plotArea[0] / dataWidth, plotArea[1] / dataHeight); // pixels per unit
            double halfWidth = plotArea[0] / scale / 2;
            double halfHeight = plotArea[1] / scale / 2;
            double xMiddle = (data[0] + data[1]) / 2;
            double yMiddle = (data[2] + data[3]) / 2;
            // min and max: the axis that fits the data exactly keeps its ends exactly (a tick at -1, not -0.9999999)
            double[] next = {Math.min(data[0], xMiddle - halfWidth), Math.max(data[1], xMiddle + halfWidth),
                Math.min(data[2], yMiddle - halfHeight), Math.max(data[3], yMiddle + halfHeight)};
            boolean settled = Arrays.equals(next, range);
            range = next;
            plotArea = measure(w, h - legendHeight, range);
            if (settled) {
                break;
            }
        }
        return layoutOf(w, h, range, plotArea);
    }

    private static Layout layoutOf(int w, int h, double[] range, double[] plotArea) {
        return new Layout(w, h, range[0], range[1], range[2], range[3], plotArea[0] / (range[1] - range[0]),
                plotArea[1] / (range[3] - range[2]));
    }

    /**
     * The grid's extent, widened to take in every finite path point and arrow end; a side widened
     * that way gets a margin of 3% of the span, so marks there are not cut by the frame.
     * {xMin, xMax, yMin, yMax}.
     */
    private double[] dataRange() {
        double[] grid = {gridX[0], gridX[gridX.length - 1], gridY[0], gridY[gridY.length - 1]};
        double[] all = grid.clone();
        for (Series s : series) {
            double[][] arrays = s.arrays();
            for (int i = 0; i < s.x().length; i++) {
                if (!SeriesChecks.finiteAt(i, arrays)) {
                    continue;
                }
                include(all, s.x()[i], s.y()[i]);
                if (s.kind() == Kind.ARROWS) {
                    include(all, s.x()[i] + s.dx()[i], s.y()[i] + s.dy()[i]);
                }
            }
        }
        double xMargin = 0.03 * (all[1] - all[0]);
        double yMargin = 0.03 * (all[3] - all[2]);
        return new double[] {
            all[0] < grid[0] ? all[0] - xMargin : all[0],
            all[1] > grid[1] ? all[1] + xMargin : all[1],
            all[2] < grid[2] ? all[2] - yMargin : all[2],
            all[3] > grid[3] ? all[3] + yMargin : all[3],
        };
    }

    private static void include(double[] range, double x, double y) {
        if (Double.isFinite(x) && Double.isFinite(y)) {
            range[0] = Math.min(range[0], x);
            range[1] = Math.max(range[1], x);
            range[2] = Math.min(range[2], y);
            range[3] = Math.max(range[3], y);
        }
    }

    /** The plot area's {width, height} in pixels when the chart shows this range on a canvas of this size. */
    private double[] measure(int w, int chartHeight, double[] range) {
        Rectangle area = frame(w, chartHeight, range).area();
        return new double[] {area.width, area.height};
    }

    // ---------------------------------------------------------------------------------------------
    // the chart

    /** Title, axes and ticks around exactly the range {xMin, xMax, yMin, yMax}, on a chart this large. */
    private AxesFrame frame(int w, int chartHeight, double[] range) {
        AxesFrame.Titles titles = new AxesFrame.Titles(title, xLabel, yLabel);
        AxisScale y = AxisScale.linear(range[2], range[3], AxisScale.Range.EXACT,
                AxesFrame.plotHeight(titles, chartHeight), false);
        AxisScale x = AxisScale.linear(range[0], range[1], AxisScale.Range.EXACT,
                AxesFrame.plotWidth(titles, w, y), true);
        return new AxesFrame(titles, w, chartHeight, x, y);
    }

    /** The level curves and the paths, for the frame's plot area (arrows and marks are drawn over them). */
    XYChart chart(AxesFrame frame, Layout layout, List<Curve> curves) {
        Rectangle area = frame.area();
        XYChart chart = new XYChart(area.width, area.height);
        XYStyler styler = chart.getStyler();
        frame.contentStyle(styler); // no grid: the level curves are the plot's lines
        styler.setZoomEnabled(false);
        styler.setCursorEnabled(false);
        styler.setMarkerSize(PATH_MARKER_SIZE);
        // XChart needs a series to draw anything, and a flat grid without paths has none
        XYSeries corners = chart.addSeries("\u0000frame", new double[] {layout.xMin(), layout.xMax()},
                new double[] {layout.yMin(), layout.yMax()});
        corners.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        corners.setMarker(SeriesMarkers.NONE);
        corners.setShowInLegend(false);
        BasicStroke levelStroke = new BasicStroke(LEVEL_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        for (int c = 0; c < curves.size(); c++) {
            Contours.Polyline line = curves.get(c).line();
            double[][] points = simplified(line.x(), line.y(), layout.pixelsPerX(), layout.pixelsPerY());
            XYSeries curve = chart.addSeries("\u0000level " + c, points[0], points[1]);
            curve.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            curve.setLineColor(LEVEL_COLOR);
            curve.setLineWidth(LEVEL_WIDTH);
            curve.setLineStyle(levelStroke);
            curve.setMarker(SeriesMarkers.NONE);
            curve.setShowInLegend(false);
        }
        BasicStroke pathStroke = new BasicStroke(PATH_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (s.kind() != Kind.PATH) {
                continue;
            }
            double[][] finite = finitePoints(s);
            boolean marked = finite[0].length <= MAX_MARKED_POINTS;
            if (!marked) {
                finite = simplified(finite[0], finite[1], layout.pixelsPerX(), layout.pixelsPerY());
            }
            XYSeries path = chart.addSeries(s.name(), finite[0], finite[1]);
            path.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            path.setLineColor(PlotStyle.color(i));
            path.setLineWidth(PATH_WIDTH);
            path.setLineStyle(pathStroke);
            path.setMarkerColor(PlotStyle.color(i));
            path.setMarker(marked ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        return chart;
    }

    /**
     * The points of a line that keep it within {@value #SIMPLIFY_PIXELS} pixels of the whole
     * (Ramer-Douglas-Peucker, measured in pixels); the ends are always kept.
     */
    static double[][] simplified(double[] x, double[] y, double pixelsPerX, double pixelsPerY) {
        int n = x.length;
        if (n <= 2) {
            return new double[][] {x.clone(), y.clone()};
        }
        boolean[] keep = new boolean[n];
        keep[0] = true;
        keep[n - 1] = true;
        ArrayDeque<int[]> spans = new ArrayDeque<>();
        spans.push(new int[] {0, n - 1});
        while (!spans.isEmpty()) {
            int[] span = spans.pop();
            int first = span[0];
            int last = span[1];
            double ax = x[first] * pixelsPerX;
            double ay = y[first] * pixelsPerY;
            double bx = x[last] * pixelsPerX;
            double by = y[last] * pixelsPerY;
            double farthest = -1;
            int at = -1;
            for (int k = first + 1; k < last; k++) {
                double d = Line2D.ptSegDist(ax, ay, bx, by, x[k] * pixelsPerX, y[k] * pixelsPerY);
                if (d > farthest) {
                    farthest = d;
                    at = k;
                }
            }
            if (at >= 0 && farthest > SIMPLIFY_PIXELS) {
                keep[at] = true;
                spans.push(new int[] {first, at});
                spans.push(new int[] {at, last});
            }
        }
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        double[][] points = new double[2][kept];
        int j = 0;
        for (int k = 0; k < n; k++) {
            if (keep[k]) {
                points[0][j] = x[k];
                points[1][j] = y[k];
                j++;
            }
        }
        return points;
    }

    // ---------------------------------------------------------------------------------------------
    // what is drawn over the chart: level labels, arrows, the ends of paths

    /** The paths and arrows in pixels: what level labels and notes keep clear of. */
    private List<Line2D> obstacles(AxesFrame frame) {
        List<Line2D> obstacles = new ArrayList<>();
        for (Series s : series) {
            double[][] arrays = s.arrays();
            double[] previous = null;
            for (int i = 0; i < s.x().length; i++) {
                if (!SeriesChecks.finiteAt(i, arrays)) {
                    continue;
                }
                double sx = frame.screenX(s.x()[i]);
                double sy = frame.screenY(s.y()[i]);
                if (s.kind() == Kind.ARROWS) {
                    obstacles.add(new Line2D.Double(sx, sy, frame.screenX(s.x()[i] + s.dx()[i]),
                            frame.screenY(s.y()[i] + s.dy()[i])));
                } else {
                    obstacles.add(new Line2D.Double(previous == null ? sx : previous[0],
                            previous == null ? sy : previous[1], sx, sy));
                    previous = new double[] {sx, sy};
                }
            }
        }
        return obstacles;
    }

    private void drawOverlay(Graphics2D g, AxesFrame frame, List<Curve> curves, List<Line2D> obstacles,
                             Rectangle2D noteBox) {
        Rectangle2D plotArea = frame.area();
        drawLevelLabels(g, frame, curves, plotArea, obstacles, noteBox);

        double head = Math.max(7, Math.min(14, 0.012 * Math.max(plotArea.getWidth(), plotArea.getHeight())));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (s.kind() != Kind.ARROWS) {
                continue;
            }
            for (int k = 0; k < s.x().length; k++) {
                if (SeriesChecks.finiteAt(k, s.arrays())) {
                    Marks.arrow(g, frame.screenX(s.x()[k]), frame.screenY(s.y()[k]),
                            frame.screenX(s.x()[k] + s.dx()[k]),
                            frame.screenY(s.y()[k] + s.dy()[k]), head, PlotStyle.color(i));
                }
            }
        }
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (s.kind() == Kind.PATH) {
                double[][] finite = finitePoints(s);
                int last = finite[0].length - 1;
                Marks.start(g, frame.screenX(finite[0][0]), frame.screenY(finite[1][0]),
                        PlotStyle.color(i));
                Marks.end(g, frame.screenX(finite[0][last]), frame.screenY(finite[1][last]),
                        PlotStyle.color(i));
            }
        }
    }

    /**
     * Labels a few levels with their value, on a white box over the curve, where the box keeps
     * clear of the frame, of other labels and of paths and arrows. Every other level is tried
     * first, each on its longest curve, at the middle of the curve first.
     */
    private void drawLevelLabels(Graphics2D g, AxesFrame frame, List<Curve> curves, Rectangle2D plotArea,
                                 List<Line2D> obstacles, Rectangle2D noteBox) {
        double[] levels = levelValues();
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < levels.length; k += 2) {
            order.add(k);
        }
        for (int k = 1; k < levels.length; k += 2) {
            order.add(k);
        }
        double ascent = Text.ascent(LEVEL_LABEL_FONT);
        double descent = Text.descent(LEVEL_LABEL_FONT);
        Rectangle2D inner = new Rectangle2D.Double(plotArea.getX() + 3, plotArea.getY() + 3,
                plotArea.getWidth() - 6, plotArea.getHeight() - 6);
        List<Rectangle2D> placed = new ArrayList<>();
        List<Rectangle2D> blocked = noteBox == null ? List.of() : List.of(noteBox);
        for (int k : order) {
            if (placed.size() >= MAX_LEVEL_LABELS) {
                break;
            }
            String text = levelLabel(levels[k]);
            double textWidth = Text.width(text, LEVEL_LABEL_FONT);
            double boxWidth = textWidth + 6;
            double boxHeight = ascent + descent + 2;
            List<double[][]> lines = new ArrayList<>();
            for (Curve curve : curves) {
                if (curve.level() == levels[k]) {
                    lines.add(screen(frame, curve.line()));
                }
            }
            lines.sort(Comparator.comparingDouble(ContourPlot::length).reversed());
            Rectangle2D box = null;
            for (double[][] line : lines) {
                if (length(line) < 4 * boxWidth) {
                    break;
                }
                box = place(line, boxWidth, boxHeight, inner, placed, blocked, obstacles);
                if (box != null) {
                    break;
                }
            }
            if (box == null) {
                continue;
            }
            placed.add(box);
            g.setPaint(Color.WHITE);
            g.fill(box);
            g.setPaint(LEVEL_LABEL_COLOR);
            Text.draw(g, text, LEVEL_LABEL_FONT, box.getCenterX() - textWidth / 2,
                    box.getCenterY() + (ascent - descent) / 2);
        }
    }

    private static final double[] LABEL_POSITIONS = {0.5, 0.25, 0.75, 0.375, 0.625, 0.125, 0.875, 0.0625, 0.9375};

    /** A label box centred on the curve at one of a few positions along it, clear of everything, or null. */
    private static Rectangle2D place(double[][] line, double boxWidth, double boxHeight, Rectangle2D inner,
                                     List<Rectangle2D> placed, List<Rectangle2D> blocked,
                                     List<Line2D> obstacles) {
        double total = length(line);
        for (double position : LABEL_POSITIONS) {
            double[] point = along(line, position * total);
            Rectangle2D box = new Rectangle2D.Double(point[0] - boxWidth / 2, point[1] - boxHeight / 2, boxWidth,
                    boxHeight);
            if (!inner.contains(box)) {
                continue;
            }
            Rectangle2D apart = new Rectangle2D.Double(box.getX() - 8, box.getY() - 8, box.getWidth() + 16,
                    box.getHeight() + 16);
            Rectangle2D clear = new Rectangle2D.Double(box.getX() - 5, box.getY() - 5, box.getWidth() + 10,
                    box.getHeight() + 10);
            boolean free = placed.stream().noneMatch(apart::intersects) && blocked.stream().noneMatch(apart::intersects)
                    && obstacles.stream().noneMatch(segment -> segment.intersects(clear));
            if (free) {
                return box;
            }
        }
        return null;
    }

    private static double[][] screen(AxesFrame frame, Contours.Polyline line) {
        double[][] points = new double[2][line.size()];
        for (int k = 0; k < line.size(); k++) {
            points[0][k] = frame.screenX(line.x()[k]);
            points[1][k] = frame.screenY(line.y()[k]);
        }
        return points;
    }

    private static double length(double[][] line) {
        double total = 0;
        for (int k = 1; k < line[0].length; k++) {
            total += Math.hypot(line[0][k] - line[0][k - 1], line[1][k] - line[1][k - 1]);
        }
        return total;
    }

    /** The point this far along the polyline. */
    private static double[] along(double[][] line, double distance) {
        double walked = 0;
        for (int k = 1; k < line[0].length; k++) {
            double step = Math.hypot(line[0][k] - line[0][k - 1], line[1][k] - line[1][k - 1]);
            if (walked + step >= distance && step > 0) {
                double t = (distance - walked) / step;
                return new double[] {line[0][k - 1] + t * (line[0][k] - line[0][k - 1]),
                    line[1][k - 1] + t * (line[1][k] - line[1][k - 1])};
            }
            walked += step;
        }
        int last = line[0].length - 1;
        return new double[] {line[0][last], line[1][last]};
    }

    // ---------------------------------------------------------------------------------------------
    // legend, checks

    /** "level curves", then the paths and arrows in the order added, then the marks of a path's ends. */
    private LegendStrip legend(boolean anyCurve) {
        LegendStrip legend = new LegendStrip();
        if (anyCurve) {
            legend.add(new LegendStrip.Entry(zLabel.isEmpty() ? "level curves" : "level curves: " + zLabel,
                    LegendStrip.Symbol.LEVEL, LEVEL_COLOR, SeriesMarkers.NONE));
        }
        boolean anyPath = false;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            boolean path = s.kind() == Kind.PATH;
            anyPath |= path;
            boolean marked = path && SeriesChecks.finiteCount(s.arrays()) <= MAX_MARKED_POINTS;
            legend.add(new LegendStrip.Entry(s.name(), path ? LegendStrip.Symbol.PATH : LegendStrip.Symbol.ARROW,
                    PlotStyle.color(i), marked ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE));
        }
        if (anyPath) {
            legend.add(new LegendStrip.Entry("start", LegendStrip.Symbol.START, MARK_LEGEND_COLOR,
                    SeriesMarkers.NONE));
            legend.add(new LegendStrip.Entry("end", LegendStrip.Symbol.END, MARK_LEGEND_COLOR, SeriesMarkers.NONE));
        }
        return legend;
    }

    private static double[][] finitePoints(Series s) {
        double[][] arrays = s.arrays();
        int n = SeriesChecks.finiteCount(arrays);
        double[][] kept = new double[2][n];
        int k = 0;
        for (int i = 0; i < s.x().length; i++) {
            if (SeriesChecks.finiteAt(i, arrays)) {
                kept[0][k] = s.x()[i];
                kept[1][k] = s.y()[i];
                k++;
            }
        }
        return kept;
    }

    private List<String> names() {
        return series.stream().map(Series::name).toList();
    }

    private void requireGrid() {
        if (gridZ == null) {
            throw new IllegalStateException(describe() + ": no grid to draw; give one with grid(x, y, z)");
        }
    }

    private static void increasing(String where, String name, double[] values) {
        if (values.length < 2) {
            throw new IllegalArgumentException(where + name + " has " + values.length
                    + " values; a grid needs at least two along each axis");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(where + name + "[" + i + "] = " + values[i] + " is not finite");
            }
            if (i > 0 && !(values[i] > values[i - 1])) {
                throw new IllegalArgumentException(where + name + "[" + i + "] = " + values[i]
                        + " is not greater than " + name + "[" + (i - 1) + "] = " + values[i - 1] + "; " + name
                        + " must be increasing");
            }
        }
    }

    private void positiveGrid(double[][] z) {
        for (int r = 0; r < z.length; r++) {
            for (int c = 0; c < z[r].length; c++) {
                if (Double.isFinite(z[r][c]) && !(z[r][c] > 0)) {
                    throw new IllegalArgumentException(describe() + ": grid: z[" + r + "][" + c + "] = " + z[r][c]
                            + " is not positive, and the levels are logarithmic (logLevels)");
                }
            }
        }
    }

    private String describe() {
        return "ContourPlot \"" + title + "\"";
    }
}
