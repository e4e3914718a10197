package dev.descent.plot;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A grid of labelled cells coloured by value, from white (the smallest) to blue (the largest),
 * with a colour bar beside it: e.g. a confusion matrix, true classes as rows and predicted
 * classes as columns. Up to 20 × 20 cells each cell also prints its value: integers as
 * integers, other values with 0–2 decimals (fewer as they grow), with a point whatever the
 * locale. Column labels that would run into each other are turned 45°.
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
 * copied by {@link #cells}. Drawn here rather than by XChart, so that labels line up with their
 * cells and all text is {@code <text>} in the SVG. Not thread-safe.
 */
public final class HeatMap {
    /** The size of the written image, in pixels, unless {@link #size} says otherwise. */
    public static final int DEFAULT_WIDTH = 900;
    public static final int DEFAULT_HEIGHT = 700;
    /** Grids up to this many rows and columns print their values in the cells. */
    public static final int MAX_LABELLED_CELLS = 20;
    private static final int TITLE_GAP = 10;
    private static final int AXIS_TITLE_GAP = 8;
    private static final int LABEL_GAP = 8;
    private static final int BAR_GAP = 16;

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
        if (values == null) {
            throw new IllegalStateException(describe() + ": no cells to draw; give them with cells(...)");
        }
        ColorBar bar = colorBar();
        Rectangle grid = grid(bar);
        ChartFiles.Painting painting = g -> {
            drawCells(g, grid);
            drawLabels(g, grid);
            bar.draw(g, width - bar.width(), grid.y, grid.getMaxY());
        };
        return ChartFiles.save(painting, width, height, title, directory, baseName);
    }

    /** Where the cells go: below the title, right of the row labels, above the column labels, left of the bar. */
    private Rectangle grid(ColorBar bar) {
        int top = AxesFrame.PADDING + (title.isBlank() ? 0 : (int) Math.ceil(Text.height(PlotStyle.TITLE_FONT))
                + TITLE_GAP);
        double widestRow = Arrays.stream(rows).mapToDouble(row -> Text.width(row, PlotStyle.TICK_FONT)).max().orElse(0);
        int left = AxesFrame.PADDING + (int) Math.ceil(widestRow + LABEL_GAP + (yLabel.isBlank() ? 0
                : Text.height(PlotStyle.AXIS_TITLE_FONT) + AXIS_TITLE_GAP));
        int right = width - bar.width() - BAR_GAP;
        boolean turned = columnLabelsCrowded(right - left);
        double widestColumn = Arrays.stream(columns).mapToDouble(c -> Text.width(c, PlotStyle.TICK_FONT)).max()
                .orElse(0);
        double labels = turned ? (widestColumn + Text.height(PlotStyle.TICK_FONT)) * Math.sqrt(0.5)
                : Text.height(PlotStyle.TICK_FONT);
        int bottom = height - AxesFrame.PADDING - (int) Math.ceil(LABEL_GAP + labels + (xLabel.isBlank() ? 0
                : AXIS_TITLE_GAP + Text.height(PlotStyle.AXIS_TITLE_FONT)));
        return new Rectangle(left, top, Math.max(1, right - left), Math.max(1, bottom - top));
    }

    /** The cells coloured by value, with their values when the grid is small enough, and a frame around them. */
    private void drawCells(Graphics2D g, Rectangle grid) {
        double cellWidth = grid.getWidth() / columns.length;
        double cellHeight = grid.getHeight() / rows.length;
        boolean labelled = rows.length <= MAX_LABELLED_CELLS && columns.length <= MAX_LABELLED_CELLS;
        var font = Math.max(rows.length, columns.length) > 10 ? PlotStyle.SMALL_CELL_FONT : PlotStyle.CELL_FONT;
        double min = min();
        double max = max();
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < columns.length; c++) {
                double v = values[r][c];
                if (!Double.isFinite(v)) {
                    continue;
                }
                double x = grid.x + c * cellWidth;
                double y = grid.y + r * cellHeight;
                g.setPaint(ColorBar.colorAt((v - min) / (max - min)));
                // half a pixel over onto the next cell: no hairline seams between cells of one colour
                g.fill(new Rectangle2D.Double(x, y, cellWidth + 0.5, cellHeight + 0.5));
                if (labelled) {
                    String text = formatValue(v);
                    g.setPaint(PlotStyle.TEXT);
                    Text.draw(g, text, font, x + (cellWidth - Text.width(text, font)) / 2,
                            y + (cellHeight + Text.ascent(font) - Text.descent(font)) / 2);
                }
            }
        }
        g.setPaint(PlotStyle.FRAME);
        g.setStroke(new BasicStroke(1f));
        g.draw(grid);
    }

    /** Row labels left of their rows, column labels under their columns (turned 45° when crowded), titles. */
    private void drawLabels(Graphics2D g, Rectangle grid) {
        double cellWidth = grid.getWidth() / columns.length;
        double cellHeight = grid.getHeight() / rows.length;
        double ascent = Text.ascent(PlotStyle.TICK_FONT);
        double descent = Text.descent(PlotStyle.TICK_FONT);
        g.setPaint(PlotStyle.TEXT);
        for (int r = 0; r < rows.length; r++) {
            Text.draw(g, rows[r], PlotStyle.TICK_FONT, grid.x - LABEL_GAP - Text.width(rows[r], PlotStyle.TICK_FONT),
                    grid.y + (r + 0.5) * cellHeight + (ascent - descent) / 2);
        }
        boolean turned = columnLabelsCrowded(grid.width);
        for (int c = 0; c < columns.length; c++) {
            double centre = grid.x + (c + 0.5) * cellWidth;
            double labelWidth = Text.width(columns[c], PlotStyle.TICK_FONT);
            if (turned) {
                // reading up to the right, ending under the column's centre
                AffineTransform saved = g.getTransform();
                g.translate(centre, grid.getMaxY() + LABEL_GAP);
                g.rotate(-Math.PI / 4);
                Text.draw(g, columns[c], PlotStyle.TICK_FONT, -labelWidth, ascent);
                g.setTransform(saved);
            } else {
                Text.draw(g, columns[c], PlotStyle.TICK_FONT, centre - labelWidth / 2,
                        grid.getMaxY() + LABEL_GAP + ascent);
            }
        }
        double titleWidth = Text.width(title, PlotStyle.TITLE_FONT);
        Text.draw(g, title, PlotStyle.TITLE_FONT, Math.max(AxesFrame.PADDING, grid.getCenterX() - titleWidth / 2),
                AxesFrame.PADDING + Text.ascent(PlotStyle.TITLE_FONT));
        Text.draw(g, xLabel, PlotStyle.AXIS_TITLE_FONT,
                grid.getCenterX() - Text.width(xLabel, PlotStyle.AXIS_TITLE_FONT) / 2,
                height - AxesFrame.PADDING - Text.descent(PlotStyle.AXIS_TITLE_FONT));
        Text.drawUpwards(g, yLabel, PlotStyle.AXIS_TITLE_FONT,
                AxesFrame.PADDING + Text.ascent(PlotStyle.AXIS_TITLE_FONT), grid.getCenterY());
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

    /** Whether the column labels, side by side under a grid this wide, would run into each other. */
    private boolean columnLabelsCrowded(double gridWidth) {
        double perColumn = gridWidth / columns.length;
        return Arrays.stream(columns).anyMatch(column -> Text.width(column, PlotStyle.TICK_FONT) + 8 > perColumn);
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
