package dev.descent.plot;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;

/**
 * Text drawn as glyph outlines, as XChart draws its own: the PNG and the SVG then look the same
 * whatever fonts the SVG viewer has, and layout can be measured before anything is drawn.
 */
final class TextOutline {
    /** Antialiased, fractional metrics: the context layout measures with, before a canvas exists. */
    private static final FontRenderContext MEASURE = new FontRenderContext(null, true, true);

    private TextOutline() {
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

    /** Fills {@code text} with its left end at {@code x} and its baseline at {@code baseline}, in the current paint. */
    static void draw(Graphics2D g, String text, Font font, double x, double baseline) {
        if (text.isEmpty()) {
            return;
        }
        TextLayout layout = new TextLayout(text, font, g.getFontRenderContext());
        g.fill(layout.getOutline(AffineTransform.getTranslateInstance(x, baseline)));
    }
}
