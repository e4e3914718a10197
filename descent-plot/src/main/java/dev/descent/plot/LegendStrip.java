package dev.descent.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.style.markers.Marker;

/**
 * The legend of a line plot (or a contour plot), drawn in a strip below it: one entry per series (its line, marker
 * or shaded box, then its name), centred, wrapping onto more rows when they do not fit. Drawn
 * here rather than by XChart so that entries are clearly apart from each other (XChart spaces a
 * name as far from the next entry as from its own symbol) and never cover the data.
 */
final class LegendStrip {
    private static final int SYMBOL_WIDTH = 28;
    private static final int SYMBOL_GAP = 8;
    private static final int ENTRY_GAP = 30;
    private static final int SIDE_MARGIN = 16;
    private static final int TOP_MARGIN = 2;
    private static final int BOTTOM_MARGIN = 14;
    private static final int ROW_GAP = 6;

    /**
     * LINE, MARKER, BOX, LINE_AND_MARKER (a sweep) and DASHED (a reference line, in the entry's
     * stroke) are a line plot's series; the others a contour plot's: PATH a line with a small
     * marker, ARROW an arrow, LEVEL a thin level curve, START and END the marks at the ends of a
     * path.
     */
    enum Symbol { LINE, MARKER, BOX, LINE_AND_MARKER, DASHED, PATH, ARROW, LEVEL, START, END }

    /** One entry; {@code stroke} is used by DASHED only and may be null otherwise. */
    record Entry(String label, Symbol symbol, Color color, Marker marker, Stroke stroke) {
        Entry(String label, Symbol symbol, Color color, Marker marker) {
            this(label, symbol, color, marker, null);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    void add(Entry entry) {
        entries.add(entry);
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The strip's height on a canvas this wide (0 without entries). */
    int height(int width) {
        int rows = rows(width).size();
        return rows == 0 ? 0 : TOP_MARGIN + rows * rowHeight() + (rows - 1) * ROW_GAP + BOTTOM_MARGIN;
    }

    /** Draws the strip with its top edge at {@code top}. */
    void draw(Graphics2D g, int top, int width) {
        double rowTop = top + TOP_MARGIN;
        for (List<Entry> row : rows(width)) {
            double x = (width - rowWidth(row)) / 2.0;
            double middle = rowTop + rowHeight() / 2.0;
            double baseline = middle + (Text.ascent(PlotStyle.LEGEND_FONT) - Text.descent(PlotStyle.LEGEND_FONT)) / 2.0;
            for (Entry entry : row) {
                drawSymbol(g, entry, x, middle);
                g.setPaint(PlotStyle.TEXT);
                Text.draw(g, entry.label(), PlotStyle.LEGEND_FONT, x + SYMBOL_WIDTH + SYMBOL_GAP, baseline);
                x += entryWidth(entry) + ENTRY_GAP;
            }
            rowTop += rowHeight() + ROW_GAP;
        }
    }

    private static void drawSymbol(Graphics2D g, Entry entry, double x, double middle) {
        switch (entry.symbol()) {
            case LINE -> {
                g.setPaint(entry.color());
                g.setStroke(new BasicStroke(PlotStyle.LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(new Line2D.Double(x + 2, middle, x + SYMBOL_WIDTH - 2, middle));
            }
            case MARKER -> {
                g.setPaint(entry.color());
                entry.marker().paint(g, x + SYMBOL_WIDTH / 2.0, middle, PlotStyle.MARKER_SIZE);
            }
            case LINE_AND_MARKER -> {
                Marks.line(g, x + 2, middle, x + SYMBOL_WIDTH - 2, middle, entry.color(), PlotStyle.LINE_WIDTH);
                entry.marker().paint(g, x + SYMBOL_WIDTH / 2.0, middle, PlotStyle.MARKER_SIZE);
            }
            case DASHED -> {
                g.setPaint(entry.color());
                g.setStroke(entry.stroke());
                g.draw(new Line2D.Double(x + 1, middle, x + SYMBOL_WIDTH - 1, middle));
            }
            case BOX -> {
                Rectangle2D box = new Rectangle2D.Double(x + 2, middle - 7, SYMBOL_WIDTH - 4, 14);
                g.setPaint(PlotStyle.translucent(entry.color()));
                g.fill(box);
                g.setPaint(entry.color());
                g.setStroke(new BasicStroke(1f));
                g.draw(box);
            }
            case PATH -> {
                Marks.line(g, x + 2, middle, x + SYMBOL_WIDTH - 2, middle, entry.color(), ContourPlot.PATH_WIDTH);
                g.setPaint(entry.color());
                entry.marker().paint(g, x + SYMBOL_WIDTH / 2.0, middle, ContourPlot.PATH_MARKER_SIZE);
            }
            case ARROW -> Marks.arrow(g, x + 2, middle, x + SYMBOL_WIDTH - 2, middle, 8, entry.color());
            case LEVEL -> Marks.line(g, x + 2, middle, x + SYMBOL_WIDTH - 2, middle, entry.color(),
                    ContourPlot.LEVEL_WIDTH);
            case START -> Marks.start(g, x + SYMBOL_WIDTH / 2.0, middle, entry.color());
            case END -> Marks.end(g, x + SYMBOL_WIDTH / 2.0, middle, entry.color());
        }
    }

    /** Entries in rows, each row as many as fit the width (at least one). */
    private List<List<Entry>> rows(int width) {
        List<List<Entry>> rows = new ArrayList<>();
        List<Entry> row = new ArrayList<>();
        double available = width - 2.0 * SIDE_MARGIN;
        for (Entry entry : entries) {
            double widened = row.isEmpty() ? entryWidth(entry) : rowWidth(row) + ENTRY_GAP + entryWidth(entry);
            if (!row.isEmpty() && widened > available) {
                rows.add(row);
                row = new ArrayList<>();
            }
            row.add(entry);
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    private static double rowWidth(List<Entry> row) {
        double width = (row.size() - 1) * (double) ENTRY_GAP;
        for (Entry entry : row) {
            width += entryWidth(entry);
        }
        return width;
    }

    private static double entryWidth(Entry entry) {
        return SYMBOL_WIDTH + SYMBOL_GAP + Text.width(entry.label(), PlotStyle.LEGEND_FONT);
    }

    private static int rowHeight() {
        double text = Text.ascent(PlotStyle.LEGEND_FONT) + Text.descent(PlotStyle.LEGEND_FONT);
        return (int) Math.ceil(Math.max(text, 16));
    }
}
