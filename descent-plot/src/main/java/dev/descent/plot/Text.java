package dev.descent.plot;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;

/**
 * Text that stays text: drawn with {@link Graphics2D#drawString}, which VectorGraphics2D writes
 * as an SVG {@code <text>} element (searchable, selectable) where XChart's own text would be
 * glyph outlines; and measured before anything is drawn, so layout needs no canvas.
 */
final class Text {
    /** Antialiased, fractional metrics: the context layout measures with, and the PNG draws with. */
    private static final FontRenderContext MEASURE = new FontRenderContext(null, true, true);

    private Text() {
    }

    static double width(String text, Font font) {
        return text.isEmpty() ? 0 : new TextLayout(text, font, MEASURE).getAdvance();
    }

    static double ascent(Font font) {
        return font.getLineMetrics("Xg", MEASURE).getAscent();
    }

    static double descent(Font font) {
        return font.getLineMetrics("Xg", MEASURE).getDescent();
    }

    /** A line of text's height: ascent plus descent. */
    static double height(Font font) {
        return ascent(font) + descent(font);
    }

    /** Draws {@code text} with its left end at {@code x} and its baseline at {@code baseline}, in the current paint. */
    static void draw(Graphics2D g, String text, Font font, double x, double baseline) {
        if (text.isBlank()) {
            return;
        }
        g.setFont(font);
        g.drawString(text, (float) x, (float) baseline);
    }

    /** Draws {@code text} reading upwards, centred on {@code centreY}, its baseline at {@code x}. */
    static void drawUpwards(Graphics2D g, String text, Font font, double x, double centreY) {
        if (text.isBlank()) {
            return;
        }
        AffineTransform saved = g.getTransform();
        g.translate(x, centreY);
        g.rotate(-Math.PI / 2);
        draw(g, text, font, -width(text, font) / 2, 0);
        g.setTransform(saved);
    }
}
