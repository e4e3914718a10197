package dev.descent.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.function.DoubleFunction;

/**
 * The colour scale of a heat map, drawn in a column to its right: a vertical bar from the
 * largest value (top) to the smallest (bottom) with five labelled ticks, formatted as the cells
 * are. Drawn here because XChart's own bar labels its ends with raw doubles ("903.0").
 */
final class ColorBar {
    private static final int BAR_WIDTH = 20;
    private static final int TICK_LENGTH = 5;
    private static final int LABEL_GAP = 4;
    private static final int RIGHT_MARGIN = 16;
    private static final int TICKS = 5;
    private static final int STRIPS = 96;

    private final double min;
    private final double max;
    private final DoubleFunction<String> format;

    ColorBar(double min, double max, DoubleFunction<String> format) {
        this.min = min;
        this.max = max;
        this.format = format;
    }

    /** The column's width: the bar, its ticks and its widest label. */
    int width() {
        double widest = 0;
        for (int i = 0; i < TICKS; i++) {
            widest = Math.max(widest, Text.width(label(i), PlotStyle.TICK_FONT));
        }
        return (int) Math.ceil(BAR_WIDTH + TICK_LENGTH + LABEL_GAP + widest + RIGHT_MARGIN);
    }

    /** Draws the bar with its left edge at {@code left}, from {@code top} down to {@code bottom}. */
    void draw(Graphics2D g, double left, double top, double bottom) {
        // solid strips rather than a gradient paint, which VectorGraphics2D writes into the SVG as a bitmap
        int strips = STRIPS;
        double height = (bottom - top) / strips;
        for (int i = 0; i < strips; i++) {
            g.setPaint(colorAt(1 - (i + 0.5) / strips));
            g.fill(new Rectangle2D.Double(left, top + i * height, BAR_WIDTH, height + 0.5));
        }
        g.setPaint(PlotStyle.FRAME);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(left, top, BAR_WIDTH, bottom - top));
        double textMiddle = (Text.ascent(PlotStyle.TICK_FONT) - Text.descent(PlotStyle.TICK_FONT)) / 2.0;
        for (int i = 0; i < TICKS; i++) {
            double y = bottom - (bottom - top) * i / (TICKS - 1);
            g.setPaint(PlotStyle.FRAME);
            g.draw(new Line2D.Double(left + BAR_WIDTH, y, left + BAR_WIDTH + TICK_LENGTH, y));
            g.setPaint(PlotStyle.TEXT);
            Text.draw(g, label(i), PlotStyle.TICK_FONT, left + BAR_WIDTH + TICK_LENGTH + LABEL_GAP,
                    y + textMiddle);
        }
    }

    /** The scale's colour at {@code fraction} of the way from the smallest value to the largest. */
    static Color colorAt(double fraction) {
        Color[] stops = PlotStyle.HEAT_SCALE;
        double position = Math.max(0, Math.min(1, fraction)) * (stops.length - 1);
        int segment = Math.min((int) position, stops.length - 2);
        double t = position - segment;
        Color a = stops[segment];
        Color b = stops[segment + 1];
        return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }

    private String label(int tick) {
        return format.apply(min + (max - min) * tick / (TICKS - 1));
    }
}
