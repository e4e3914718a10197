package dev.descent.plot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Level curves of a function sampled on a rectangular grid, by marching squares: each cell
 * (four neighbouring samples) crossed by the level contributes one segment, or two in a saddle
 * cell, between points interpolated linearly along the cell's edges; segments sharing an edge are
 * joined into polylines.
 *
 * <p>A sample counts as above the level when {@code z >= level}. A saddle cell (the two corners
 * above the level diagonally opposite) is decided by the mean of its four corners: when the mean
 * is above the level, the two corners above it are joined through the middle of the cell,
 * otherwise the two below it are. Both neighbours of an edge compute its crossing point from the
 * same two samples, so polylines join exactly. A cell with a NaN or infinite corner is skipped:
 * curves stop at its edges.
 */
final class Contours {

    /** One level curve: {@code x[k], y[k]} in order; a closed curve repeats its first point at the end. */
    record Polyline(double[] x, double[] y, boolean closed) {
        int size() {
            return x.length;
        }
    }

    private Contours() {
    }

    /**
     * The curves where the interpolated surface equals {@code level}: {@code z[row][column]}
     * sampled at {@code (x[column], y[row])}, with {@code x} and {@code y} increasing (not checked
     * here). A level outside the range of the finite values gives no curve.
     */
    static List<Polyline> at(double[] x, double[] y, double[][] z, double level) {
        int nx = x.length;
        int ny = y.length;
        List<long[]> segments = new ArrayList<>(); // each {edge, edge}
        for (int j = 0; j + 1 < ny; j++) {
            for (int i = 0; i + 1 < nx; i++) {
                double a = z[j][i];         // (x[i],   y[j])     bottom left
                double b = z[j][i + 1];     // (x[i+1], y[j])     bottom right
                double c = z[j + 1][i + 1]; // (x[i+1], y[j+1])   top right
                double d = z[j + 1][i];     // (x[i],   y[j+1])   top left
                if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c) && Double.isFinite(d))) {
                    continue;
                }
                int index = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0);
                if (index == 0 || index == 15) {
                    continue;
                }
                long bottom = horizontal(i, j, nx);
                long top = horizontal(i, j + 1, nx);
                long left = vertical(i, j, nx);
                long right = vertical(i + 1, j, nx);
                if (index == 5 || index == 10) {
                    boolean middleAbove = (a + b + c + d) / 4 >= level;
                    // the corners above the level are a and c (5) or b and d (10); joined through the middle
                    // when it is above too, so the cut separates the other two corners
                    boolean cutOffBAndD = (index == 5) == middleAbove;
                    if (cutOffBAndD) {
                        segments.add(new long[] {bottom, right});
                        segments.add(new long[] {left, top});
                    } else {
                        segments.add(new long[] {left, bottom});
                        segments.add(new long[] {right, top});
                    }
                    continue;
                }
                long[] crossed = new long[2];
                int k = 0;
                if (((index & 1) != 0) != ((index & 2) != 0)) {
                    crossed[k++] = bottom;
                }
                if (((index & 2) != 0) != ((index & 4) != 0)) {
                    crossed[k++] = right;
                }
                if (((index & 8) != 0) != ((index & 4) != 0)) {
                    crossed[k++] = top;
                }
                if (((index & 1) != 0) != ((index & 8) != 0)) {
                    crossed[k++] = left;
                }
                segments.add(crossed);
            }
        }
        return join(segments, x, y, z, level);
    }

    /** The edge from sample (i, j) to (i + 1, j). */
    private static long horizontal(int i, int j, int nx) {
        return ((long) j * nx + i) * 2;
    }

    /** The edge from sample (i, j) to (i, j + 1). */
    private static long vertical(int i, int j, int nx) {
        return ((long) j * nx + i) * 2 + 1;
    }

    /** Segments that share an edge, joined into polylines. */
    private static List<Polyline> join(List<long[]> segments, double[] x, double[] y, double[][] z, double level) {
        Map<Long, int[]> byEdge = new HashMap<>(); // an edge is shared by at most two segments
        for (int s = 0; s < segments.size(); s++) {
            for (long edge : segments.get(s)) {
                int[] users = byEdge.computeIfAbsent(edge, e -> new int[] {-1, -1});
                users[users[0] < 0 ? 0 : 1] = s;
            }
        }
        boolean[] used = new boolean[segments.size()];
        List<Polyline> lines = new ArrayList<>();
        for (int s = 0; s < segments.size(); s++) {
            if (used[s]) {
                continue;
            }
            used[s] = true;
            List<Long> forward = new ArrayList<>();
            forward.add(segments.get(s)[0]);
            forward.add(segments.get(s)[1]);
            extend(forward, segments, byEdge, used);
            boolean closed = forward.size() > 2 && forward.get(0).equals(forward.get(forward.size() - 1));
            if (!closed) {
                List<Long> backward = new ArrayList<>();
                backward.add(forward.get(1));
                backward.add(forward.get(0));
                extend(backward, segments, byEdge, used);
                List<Long> whole = new ArrayList<>(backward);
                Collections.reverse(whole);
                whole.addAll(forward.subList(2, forward.size()));
                forward = whole;
            }
            double[] px = new double[forward.size()];
            double[] py = new double[forward.size()];
            for (int k = 0; k < forward.size(); k++) {
                double[] point = crossing(forward.get(k), x, y, z, level);
                px[k] = point[0];
                py[k] = point[1];
            }
            lines.add(new Polyline(px, py, closed));
        }
        return lines;
    }

    /** Follows the chain from its last edge through unused segments, appending their far edges. */
    private static void extend(List<Long> chain, List<long[]> segments, Map<Long, int[]> byEdge, boolean[] used) {
        while (true) {
            long end = chain.get(chain.size() - 1);
            int[] users = byEdge.get(end);
            int next = -1;
            for (int u : users) {
                if (u >= 0 && !used[u]) {
                    next = u;
                    break;
                }
            }
            if (next < 0) {
                return;
            }
            used[next] = true;
            long[] segment = segments.get(next);
            chain.add(segment[0] == end ? segment[1] : segment[0]);
        }
    }

    /** Where the level crosses an edge, interpolated from its two samples (always in the same order). */
    private static double[] crossing(long edge, double[] x, double[] y, double[][] z, double level) {
        int nx = x.length;
        long cell = edge / 2;
        int i = (int) (cell % nx);
        int j = (int) (cell / nx);
        boolean isVertical = edge % 2 == 1;
        double z0 = z[j][i];
        double z1 = isVertical ? z[j + 1][i] : z[j][i + 1];
        double t = (level - z0) / (z1 - z0); // z0 and z1 lie on opposite sides of the level, so z1 != z0
        if (isVertical) {
            return new double[] {x[i], y[j] + t * (y[j + 1] - y[j])};
        }
        return new double[] {x[i] + t * (x[i + 1] - x[i]), y[j]};
    }
}
