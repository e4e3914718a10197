package dev.descent.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import org.knowm.xchart.style.XYStyler;

/**
 * Everything around a plot's data: the title above, the axis titles, tick marks and tick labels,
 * the grid and the frame. Drawn here rather than by XChart for two reasons: the ticks go exactly
 * where {@link AxisScale} puts them (XChart has no way to be told), and the text is drawn as
 * text, so the SVG holds {@code <text>} elements rather than glyph outlines. XChart then draws
 * only the data, into the plot area this frame leaves free ({@link #contentStyle}).
 *
 * <p>Layout, from the top: padding, the title, the plot area, tick labels, the x axis title,
 * padding; from the left: padding, the y axis title (reading upwards), the widest y tick label,
 * the plot area, a margin wide enough for half an x tick label.
 */
final class AxesFrame {
    static final int PADDING = 14;
    private static final int TITLE_GAP = 10;
    private static final int AXIS_TITLE_GAP = 8;
    private static final int TICK_LENGTH = 5;
    private static final int MINOR_TICK_LENGTH = 3;
    private static final int LABEL_GAP = 5;
    private static final int RIGHT_MARGIN = 26;
    private static final Color MINOR_GRID = new Color(0xF2F2F2);

    /** The plot's title and its axis titles (empty when there is none). */
    record Titles(String title, String x, String y) {
    }

    private final Titles titles;
    private final int width;
    private final int height;
    private final AxisScale x;
    private final AxisScale y;
    private final Rectangle area;

    /** The frame of a chart {@code width × height} pixels (the legend below it not included). */
    AxesFrame(Titles titles, int width, int height, AxisScale x, AxisScale y) {
        this.titles = titles;
        this.width = width;
        this.height = height;
        this.x = x;
        this.y = y;
        int left = left(titles, y);
        int top = top(titles);
        this.area = new Rectangle(left, top, Math.max(1, width - RIGHT_MARGIN - left),
                Math.max(1, bottom(titles, height) - top));
    }

    /** How high the plot area of a chart this high is: what the y ticks are chosen for. */
    static int plotHeight(Titles titles, int height) {
        return Math.max(1, bottom(titles, height) - top(titles));
    }

    /** How wide the plot area is with these y ticks: what the x ticks are chosen for. */
    static int plotWidth(Titles titles, int width, AxisScale y) {
        return Math.max(1, width - RIGHT_MARGIN - left(titles, y));
    }

    private static int top(Titles titles) {
        return PADDING + (titles.title().isBlank() ? 0
                : (int) Math.ceil(Text.height(PlotStyle.TITLE_FONT)) + TITLE_GAP);
    }

    private static int bottom(Titles titles, int height) {
        double below = TICK_LENGTH + LABEL_GAP + Text.height(PlotStyle.TICK_FONT)
                + (titles.x().isBlank() ? 0 : AXIS_TITLE_GAP + Text.height(PlotStyle.AXIS_TITLE_FONT));
        return height - PADDING - (int) Math.ceil(below);
    }

    private static int left(Titles titles, AxisScale y) {
        double widest = 0;
        for (String label : y.labels()) {
            widest = Math.max(widest, Text.width(label, PlotStyle.TICK_FONT));
        }
        double beside = widest + LABEL_GAP + TICK_LENGTH
                + (titles.y().isBlank() ? 0 : Text.height(PlotStyle.AXIS_TITLE_FONT) + AXIS_TITLE_GAP);
        return PADDING + (int) Math.ceil(beside);
    }

    /** The plot area, in pixels: where XChart draws the data. */
    Rectangle area() {
        return new Rectangle(area);
    }

    AxisScale x() {
        return x;
    }

    AxisScale y() {
        return y;
    }

    /** The pixel column of a position along the x axis (in drawn units, see {@link AxisScale}). */
    double screenX(double position) {
        return area.x + (position - x.min()) / (x.max() - x.min()) * area.width;
    }

    double screenY(double position) {
        return area.y + area.height - (position - y.min()) / (y.max() - y.min()) * area.height;
    }

    /**
     * What XChart needs to draw only the data, filling the plot area exactly: no text, ticks,
     * grid, frame, padding or background (the frame draws those), and this frame's ranges.
     */
    void contentStyle(XYStyler styler) {
        Color none = new Color(0, 0, 0, 0);
        styler.setChartTitleVisible(false);
        styler.setLegendVisible(false);
        styler.setXAxisTitleVisible(false);
        styler.setYAxisTitleVisible(false);
        styler.setXAxisTicksVisible(false);
        styler.setYAxisTicksVisible(false);
        styler.setPlotGridLinesVisible(false);
        styler.setPlotBorderVisible(false);
        styler.setChartBackgroundColor(none);
        styler.setPlotBackgroundColor(none);
        styler.setChartPadding(0);
        styler.setPlotMargin(0);
        styler.setPlotContentSize(1.0);
        styler.setAntiAlias(true);
        styler.setToolTipsEnabled(false);
        styler.setXAxisMin(x.min());
        styler.setXAxisMax(x.max());
        styler.setYAxisMin(y.min());
        styler.setYAxisMax(y.max());
    }

    /** The grid, under the data: a light line at each labelled tick, a lighter one at each minor tick. */
    void drawGrid(Graphics2D g) {
        g.setStroke(new BasicStroke(1f));
        for (AxisScale.Tick tick : x.ticks()) {
            double px = screenX(tick.at());
            if (px > area.x + 0.5 && px < area.getMaxX() - 0.5) {
                g.setPaint(tick.label() == null ? MINOR_GRID : PlotStyle.GRID);
                g.draw(new Line2D.Double(px, area.y, px, area.getMaxY()));
            }
        }
        for (AxisScale.Tick tick : y.ticks()) {
            double py = screenY(tick.at());
            if (py > area.y + 0.5 && py < area.getMaxY() - 0.5) {
                g.setPaint(tick.label() == null ? MINOR_GRID : PlotStyle.GRID);
                g.draw(new Line2D.Double(area.x, py, area.getMaxX(), py));
            }
        }
    }

    /** The frame, tick marks, tick labels and titles, over the data. */
    void drawAxes(Graphics2D g) {
        g.setStroke(new BasicStroke(1f));
        g.setPaint(PlotStyle.FRAME);
        g.draw(area);
        double tickAscent = Text.ascent(PlotStyle.TICK_FONT);
        double tickDescent = Text.descent(PlotStyle.TICK_FONT);
        for (AxisScale.Tick tick : x.ticks()) {
            double px = screenX(tick.at());
            int length = tick.label() == null ? MINOR_TICK_LENGTH : TICK_LENGTH;
            g.setPaint(PlotStyle.FRAME);
            g.draw(new Line2D.Double(px, area.getMaxY(), px, area.getMaxY() + length));
            if (tick.label() != null) {
                double labelWidth = Text.width(tick.label(), PlotStyle.TICK_FONT);
                double left = Math.max(2, Math.min(width - 2 - labelWidth, px - labelWidth / 2));
                g.setPaint(PlotStyle.TEXT);
                Text.draw(g, tick.label(), PlotStyle.TICK_FONT, left,
                        area.getMaxY() + TICK_LENGTH + LABEL_GAP + tickAscent);
            }
        }
        for (AxisScale.Tick tick : y.ticks()) {
            double py = screenY(tick.at());
            int length = tick.label() == null ? MINOR_TICK_LENGTH : TICK_LENGTH;
            g.setPaint(PlotStyle.FRAME);
            g.draw(new Line2D.Double(area.x - length, py, area.x, py));
            if (tick.label() != null) {
                double labelWidth = Text.width(tick.label(), PlotStyle.TICK_FONT);
                g.setPaint(PlotStyle.TEXT);
                Text.draw(g, tick.label(), PlotStyle.TICK_FONT, area.x - TICK_LENGTH - LABEL_GAP - labelWidth,
                        py + (tickAscent - tickDescent) / 2);
            }
        }
        g.setPaint(PlotStyle.TEXT);
        double titleWidth = Text.width(titles.title(), PlotStyle.TITLE_FONT);
        double titleLeft = Math.max(PADDING, Math.min(width - PADDING - titleWidth,
                area.getCenterX() - titleWidth / 2));
        Text.draw(g, titles.title(), PlotStyle.TITLE_FONT, titleLeft, PADDING + Text.ascent(PlotStyle.TITLE_FONT));
        double xTitleWidth = Text.width(titles.x(), PlotStyle.AXIS_TITLE_FONT);
        Text.draw(g, titles.x(), PlotStyle.AXIS_TITLE_FONT, area.getCenterX() - xTitleWidth / 2,
                height - PADDING - Text.descent(PlotStyle.AXIS_TITLE_FONT));
        Text.drawUpwards(g, titles.y(), PlotStyle.AXIS_TITLE_FONT, PADDING + Text.ascent(PlotStyle.AXIS_TITLE_FONT),
                area.getCenterY());
    }
}
