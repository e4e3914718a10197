package dev.descent.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * Marks drawn in pixels rather than data units, so they keep their size whatever the axes: the
 * arrows of a contour plot and the start and end of its paths, in the plot and in its legend.
 */
final class Marks {
    /** An arrow's shaft; its head is two segments at this angle to the shaft. */
    static final float ARROW_WIDTH = 2f;
    private static final double HEAD_ANGLE = Math.toRadians(26);
    /** The white outline under arrows and end marks, which keeps them apart from the curves beneath. */
    private static final float HALO = 1.5f;
    static final double START_DIAMETER = 12;
    static final double END_SIDE = 10;

    private Marks() {
    }

    /**
     * An arrow from {@code (x0, y0)} to {@code (x1, y1)} (pixels) with a head of two segments
     * {@code head} pixels long at the tip, shortened for an arrow shorter than two heads; an arrow
     * shorter than half a pixel is not drawn.
     */
    static void arrow(Graphics2D g, double x0, double y0, double x1, double y1, double head, Color color) {
        double length = Math.hypot(x1 - x0, y1 - y0);
        if (length < 0.5) {
            return;
        }
        double h = length < 2 * head ? Math.max(3, 0.45 * length) : head;
        double angle = Math.atan2(y1 - y0, x1 - x0);
        Path2D.Double shape = new Path2D.Double();
        shape.moveTo(x0, y0);
        shape.lineTo(x1, y1);
        shape.moveTo(x1 - h * Math.cos(angle - HEAD_ANGLE), y1 - h * Math.sin(angle - HEAD_ANGLE));
        shape.lineTo(x1, y1);
        shape.lineTo(x1 - h * Math.cos(angle + HEAD_ANGLE), y1 - h * Math.sin(angle + HEAD_ANGLE));
        // the halo leaves the tail alone: an arrow often starts on a path's point, which stays visible
        double skip = Math.min(6, 0.3 * length);
        Path2D.Double halo = new Path2D.Double();
        halo.moveTo(x0 + skip * Math.cos(angle), y0 + skip * Math.sin(angle));
        halo.lineTo(x1, y1);
        halo.moveTo(x1 - h * Math.cos(angle - HEAD_ANGLE), y1 - h * Math.sin(angle - HEAD_ANGLE));
        halo.lineTo(x1, y1);
        halo.lineTo(x1 - h * Math.cos(angle + HEAD_ANGLE), y1 - h * Math.sin(angle + HEAD_ANGLE));
        g.setPaint(Color.WHITE);
        g.setStroke(new BasicStroke(ARROW_WIDTH + 2 * HALO, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.draw(halo);
        g.setPaint(color);
        g.setStroke(new BasicStroke(ARROW_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_MITER));
        g.draw(shape);
    }

    /** The start of a path: a hollow circle (white inside) in the path's colour, centred on the point. */
    static void start(Graphics2D g, double x, double y, Color color) {
        double r = START_DIAMETER / 2;
        Ellipse2D.Double circle = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
        g.setPaint(Color.WHITE);
        g.fill(circle);
        g.setPaint(color);
        g.setStroke(new BasicStroke(2.2f));
        g.draw(circle);
    }

    /** The end of a path: a filled square in the path's colour with a white outline. */
    static void end(Graphics2D g, double x, double y, Color color) {
        double s = END_SIDE / 2;
        Rectangle2D.Double square = new Rectangle2D.Double(x - s, y - s, 2 * s, 2 * s);
        g.setPaint(Color.WHITE);
        g.setStroke(new BasicStroke(2 * 1.2f));
        g.draw(square);
        g.setPaint(color);
        g.fill(square);
    }

    /** A line segment in the given colour and width, round capped. */
    static void line(Graphics2D g, double x0, double y0, double x1, double y1, Color color, float width) {
        g.setPaint(color);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x0, y0, x1, y1));
    }
}
