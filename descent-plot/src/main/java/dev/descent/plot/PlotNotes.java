package dev.descent.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Short notes written inside a plot area, one under the other, in a box with a light, nearly
 * opaque background so that they stay readable over grid and data: in the top-left corner, or
 * the top-right one when fewer of the plot's lines and points cross it there. A note longer
 * than 60% of the plot area's width wraps at spaces.
 */
final class PlotNotes {
    static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Color BACKGROUND = new Color(255, 255, 255, 225);
    private static final int INSET = 8;
    private static final int PAD = 6;
    private static final int LINE_GAP = 3;

    private final List<String> lines = new ArrayList<>();
    private final double width;

    /** The notes, wrapped for a plot area this wide. */
    PlotNotes(List<String> notes, double areaWidth) {
        double widest = 0;
        for (String note : notes) {
            for (String line : wrap(note, 0.6 * areaWidth)) {
                lines.add(line);
                widest = Math.max(widest, Text.width(line, FONT));
            }
        }
        this.width = widest + 2 * PAD;
    }

    /**
     * Where the box goes in this plot area: top-left, unless fewer of {@code marks} (data lines
     * and points, in pixels) cross it top-right; null without notes.
     */
    Rectangle2D box(Rectangle area, List<Line2D> marks) {
        if (lines.isEmpty()) {
            return null;
        }
        double height = lines.size() * Text.height(FONT) + (lines.size() - 1) * LINE_GAP + 2 * PAD;
        Rectangle2D left = new Rectangle2D.Double(area.x + INSET, area.y + INSET, width, height);
        Rectangle2D right = new Rectangle2D.Double(area.getMaxX() - INSET - width, area.y + INSET, width, height);
        return crossing(right, marks) < crossing(left, marks) ? right : left;
    }

    /** Draws the notes in {@code box} (from {@link #box}). */
    void draw(Graphics2D g, Rectangle2D box) {
        if (box == null) {
            return;
        }
        g.setPaint(BACKGROUND);
        g.fill(box);
        g.setPaint(PlotStyle.FRAME);
        g.setStroke(new BasicStroke(1f));
        g.draw(box);
        g.setPaint(PlotStyle.TEXT);
        double baseline = box.getY() + PAD + Text.ascent(FONT);
        for (String line : lines) {
            Text.draw(g, line, FONT, box.getX() + PAD, baseline);
            baseline += Text.height(FONT) + LINE_GAP;
        }
    }

    private static long crossing(Rectangle2D box, List<Line2D> marks) {
        return marks.stream().filter(mark -> mark.intersects(box)).count();
    }

    /** The note in lines no wider than {@code maxWidth}, broken at spaces (a longer word gets a line of its own). */
    static List<String> wrap(String note, double maxWidth) {
        List<String> wrapped = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : note.strip().split("\\s+")) {
            String longer = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && Text.width(longer, FONT) > maxWidth) {
                wrapped.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(longer);
            }
        }
        wrapped.add(line.toString());
        return wrapped;
    }
}
