package dev.descent.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

/**
 * The one look every plot shares: white background, light grid, dark text at sizes readable at
 * 100% (nothing under 12 px), and the Okabe-Ito palette, which stays distinguishable with the
 * common forms of colour blindness (M. Okabe and K. Ito, "Color Universal Design", 2008).
 */
final class PlotStyle {
    /** Okabe-Ito, in the order series take them; the yellow, faint on white, comes last. */
    static final Color[] PALETTE = {
        new Color(0x0072B2), // blue
        new Color(0xD55E00), // vermillion
        new Color(0x009E73), // bluish green
        new Color(0xCC79A7), // reddish purple
        new Color(0xE69F00), // orange
        new Color(0x56B4E9), // sky blue
        new Color(0x000000), // black
        new Color(0xF0E442), // yellow
    };
    /** Bands are filled with their colour at this opacity, so lines and points stay visible through them. */
    static final int BAND_ALPHA = 64;
    /** Heat maps run from white to a blue light enough for black numbers to stay readable (contrast > 6:1). */
    static final Color[] HEAT_SCALE = {Color.WHITE, new Color(0xC6DBEF), new Color(0x4A90C8)};

    static final Color TEXT = new Color(0x222222);
    static final Color GRID = new Color(0xE3E3E3);
    static final Color FRAME = new Color(0xB0B0B0);

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font CELL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font SMALL_CELL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    static final float LINE_WIDTH = 2.5f;
    static final int MARKER_SIZE = 9;

    /** Reference lines (bounds, theory): dark grey and thinner than data, so they read as a guide, not a result. */
    static final Color REFERENCE = new Color(0x555555);
    static final float REFERENCE_WIDTH = 1.6f;
    /** Dashed, dotted, dash-dotted: the second and third reference line differ from the first by pattern. */
    private static final float[][] REFERENCE_DASHES = {{7f, 5f}, {1.5f, 3.5f}, {9f, 4f, 1.5f, 4f}};

    private PlotStyle() {
    }

    /** The colour of the {@code index}-th series (0-based), cycling through the palette. */
    static Color color(int index) {
        return PALETTE[index % PALETTE.length];
    }

    /** The stroke of the {@code index}-th reference line (0-based), cycling through the dash patterns. */
    static BasicStroke referenceStroke(int index) {
        return new BasicStroke(REFERENCE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                REFERENCE_DASHES[index % REFERENCE_DASHES.length], 0f);
    }

    static Color translucent(Color color) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), BAND_ALPHA);
    }
}
