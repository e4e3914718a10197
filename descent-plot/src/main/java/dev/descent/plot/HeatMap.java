package dev.descent.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.HeatMapStyler;

/**
 * A grid of labelled cells coloured by value, from white (the smallest) to blue (the largest),
 * with a colour bar beside it: e.g. a confusion matrix, true classes as rows and predicted
 * classes as columns. Up to 20 × 20 cells each cell also prints its value: integers as
 * integers, other values with 0–2 decimals (fewer as they grow; XChart prints them with the
 * JVM's default locale's decimal separator, everything else uses a point).
 *
 * <pre>
 *   HeatMap.titled("Confusion matrix (test set)")
 *           .xAxis("predicted class")
 *           .yAxis("true class")
 *           .cells(classNames, classNames, counts)   // counts[true][predicted]
 *           .save(Path.of("runs/r1/plots"), "confusion");
 * </pre>
 *
 * <p>Row 0 is drawn at the top, as a matrix is read. A NaN or infinite value leaves its cell
 * empty (white, no number); a grid with no finite value is refused. Labels and values are
 * copied by {@link #cells}. Not thread-safe.
 */
public final class HeatMap {
    /** The size of the written image, in pixels, unless {@link #size} says otherwise. */
    public static final int DEFAULT_WIDTH = 900;
    public static final int DEFAULT_HEIGHT = 700;
    /** Grids up to this many rows and columns print their values in the cells. */
    public static final int MAX_LABELLED_CELLS = 20;

    static {
        ChartFiles.ensureHeadless();
    }

    private final String title;
    private String xLabel = "";
    private String yLabel = "";
    private int width = DEFAULT_WIDTH;
    private int height = DEFAULT_HEIGHT;
    private String[] columns;
    private String[] rows;
    private double[][] values;
    private int valueDecimals;

    private HeatMap(String title) {
        this.title = title;
    }

    /** A new heat map with this title (shown above the grid); give it {@link #cells} before saving. */
    public static HeatMap titled(String title) {
        return new HeatMap(Objects.requireNonNull(title, "title"));
    }

    /** The title under the columns, e.g. {@code "predicted class"}. */
    public HeatMap xAxis(String label) {
        this.xLabel = Objects.requireNonNull(label, "label");
        return this;
    }

    /** The title beside the rows, e.g. {@code "true class"}. */
    public HeatMap yAxis(String label) {
        this.yLabel = Objects.requireNonNull(label, "label");
        return this;
    }

    /** The image size in pixels (default 900 × 700); both at least 200 and at most 10000. */
    public HeatMap size(int width, int height) {
        LinePlot.checkSize(describe(), width, height);
        this.width = width;
        this.height = height;
        return this;
    }

    /**
     * The grid: {@code values[row][column]}, one label per column (left to right) and per row
     * (top to bottom). Replaces any grid given before.
     *
     * @throws IllegalArgumentException when the shapes disagree (naming the row), a label is
     *     null, the grid is empty, or no value is finite
     */
    public HeatMap cells(String[] columnLabels, String[] rowLabels, double[][] values) {
        String plot = describe();
        Objects.requireNonNull(columnLabels, "columnLabels");
        Objects.requireNonNull(rowLabels, "rowLabels");
        Objects.requireNonNull(values, "values");
        if (values.length == 0 || columnLabels.length == 0) {
            throw new IllegalArgumentException(plot + ": the grid is empty (" + values.length + " rows, "
                    + columnLabels.length + " column labels); it needs at least one cell");
        }
        if (rowLabels.length != values.length) {
            throw new IllegalArgumentException(plot + ": " + rowLabels.length + " row labels for " + values.length
                    + " rows of values; give one label per row");
        }
        boolean anyFinite = false;
        for (int r = 0; r < values.length; r++) {
            if (values[r] == null) {
                throw new IllegalArgumentException(plot + ": values[" + r + "] is null");
            }
            if (values[r].length != columnLabels.length) {
                throw new IllegalArgumentException(plot + ": values[" + r + "] has " + values[r].length
                        + " columns but there are " + columnLabels.length + " column labels; every row needs one "
                        + "value per column");
            }
            for (double v : values[r]) {
                anyFinite |= Double.isFinite(v);
            }
        }
        requireLabels(plot, "column", columnLabels);
        requireLabels(plot, "row", rowLabels);
        if (!anyFinite) {
            throw new IllegalArgumentException(plot + ": none of the " + values.length * columnLabels.length
                    + " values is finite (every one is NaN or infinite), so there is nothing to draw");
        }
        this.columns = columnLabels.clone();
        this.rows = rowLabels.clone();
        this.values = Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
        this.valueDecimals = decimalsFor(this.values);
        return this;
    }

    /**
     * Writes {@code <baseName>.png} ({@link #DEFAULT_WIDTH} × {@link #DEFAULT_HEIGHT} unless
     * {@link #size} changed it) and {@code <baseName>.svg} into {@code directory}, creating it
     * if needed, replacing files of those names.
     *
     * @return the two files, PNG first
     * @throws IllegalStateException when no {@link #cells} were given
     * @throws java.io.UncheckedIOException naming the file, when a file cannot be written
     */
    public List<Path> save(Path directory, String baseName) {
        HeatMapChart chart = chart();
        ColorBar bar = colorBar();
        int barWidth = bar.width();
        ChartFiles.Painting painting = g -> {
            chart.paint(g, width - barWidth, height);
            g.setClip(null);
            bar.draw(g, width - barWidth, height * 0.14, height * 0.78);
        };
        return ChartFiles.save(painting, width, height, title, directory, baseName);
    }

    /** The XChart chart this heat map draws, without its colour bar (each call builds a new one). */
    HeatMapChart chart() {
        if (values == null) {
            throw new IllegalStateException(describe() + ": no cells to draw; give them with cells(...)");
        }
        HeatMapChart chart = new HeatMapChart(width, height);
        chart.setTitle(title);
        chart.setXAxisTitle(xLabel);
        chart.setYAxisTitle(yLabel);
        HeatMapStyler styler = chart.getStyler();
        styler.setAllStyles(); // the heat-map defaults (value font, ...) that HeatMapChart(int, int) leaves unset
        PlotStyle.apply(styler);
        styler.setLegendVisible(false); // drawn by ColorBar
        styler.setPlotGridLinesVisible(false);
        styler.setRangeColors(PlotStyle.HEAT_SCALE);
        styler.setPiecewise(false);
        styler.setDrawBorder(true);
        styler.setPlotContentSize(1.0);
        boolean labelled = rows.length <= MAX_LABELLED_CELLS && columns.length <= MAX_LABELLED_CELLS;
        styler.setShowValue(labelled);
        styler.setValueFont(Math.max(rows.length, columns.length) > 10 ? PlotStyle.SMALL_CELL_FONT
                : PlotStyle.CELL_FONT);
        styler.setValueFontColor(PlotStyle.TEXT);
        styler.setHeatMapValueDecimalPattern(valueDecimals == 0 ? "0" : "0." + "0".repeat(valueDecimals));
        if (columnLabelsCrowded()) {
            styler.setXAxisLabelRotation(45);
        }

        // XChart puts the first row at the bottom: hand it the rows bottom-up.
        List<String> xData = List.of(columns);
        List<String> yData = new ArrayList<>(List.of(rows));
        Collections.reverse(yData);
        List<Number[]> heat = new ArrayList<>();
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < columns.length; c++) {
                if (Double.isFinite(values[r][c])) {
                    heat.add(new Number[] {c, rows.length - 1 - r, values[r][c]});
                }
            }
        }
        styler.setMin(min());
        styler.setMax(max());
        chart.addSeries(title.isBlank() ? "values" : title, xData, yData, heat);
        return chart;
    }

    private ColorBar colorBar() {
        return new ColorBar(min(), max(), this::formatValue);
    }

    private double min() {
        double min = Double.POSITIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                }
            }
        }
        return min;
    }

    /** The largest value, or min + 1 for a constant grid, which still needs a colour range. */
    private double max() {
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        return max > min() ? max : min() + 1;
    }

    /** Whether the column labels, side by side, would run into each other. */
    private boolean columnLabelsCrowded() {
        double widestRowLabel = 0;
        for (String row : rows) {
            widestRowLabel = Math.max(widestRowLabel, TextOutline.width(row, PlotStyle.TICK_FONT));
        }
        double plotWidth = width - colorBar().width() - widestRowLabel - 80;
        double perColumn = plotWidth / columns.length;
        for (String column : columns) {
            if (TextOutline.width(column, PlotStyle.TICK_FONT) + 8 > perColumn) {
                return true;
            }
        }
        return false;
    }

    private String formatValue(double value) {
        return String.format(Locale.ROOT, "%." + valueDecimals + "f", value);
    }

    /** Decimals in the printed values: none for integers, fewer as values grow. */
    private static int decimalsFor(double[][] values) {
        boolean integral = true;
        double largest = 0;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    integral &= v == Math.rint(v) && Math.abs(v) < 1e15;
                    largest = Math.max(largest, Math.abs(v));
                }
            }
        }
        if (integral || largest >= 100) {
            return 0;
        }
        return largest >= 10 ? 1 : 2;
    }

    private static void requireLabels(String plot, String kind, String[] labels) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null) {
                throw new IllegalArgumentException(plot + ": " + kind + " label " + i + " is null");
            }
        }
    }

    private String describe() {
        return "HeatMap \"" + title + "\"";
    }
}
