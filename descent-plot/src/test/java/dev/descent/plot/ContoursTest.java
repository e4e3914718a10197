package dev.descent.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Marching squares: where the extracted level curves lie, how they join, and what is left out. */
class ContoursTest {
    private static final double STEP = 0.1;
    private static final double[] AXIS = axis(-2, 2, 41); // step 0.1

    private static double[] axis(double from, double to, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = from + (to - from) * i / (n - 1);
        }
        return values;
    }

    /** x² + y² on the grid: its level r² is the circle of radius r. */
    private static double[][] squaredRadius(double[] x, double[] y) {
        double[][] z = new double[y.length][x.length];
        for (int r = 0; r < y.length; r++) {
            for (int c = 0; c < x.length; c++) {
                z[r][c] = x[c] * x[c] + y[r] * y[r];
            }
        }
        return z;
    }

    @Test
    void theLevelCurvesOfASquaredRadiusAreClosedCirclesWithinHalfACell() {
        double[][] z = squaredRadius(AXIS, AXIS);
        for (double radius : new double[] {0.45, 1.0, 1.37, 1.9}) {
            List<Contours.Polyline> lines = Contours.at(AXIS, AXIS, z, radius * radius);

            assertThat(lines).as("radius %s", radius).hasSize(1);
            Contours.Polyline circle = lines.get(0);
            assertThat(circle.closed()).isTrue();
            assertThat(circle.x()[0]).isEqualTo(circle.x()[circle.size() - 1]);
            assertThat(circle.y()[0]).isEqualTo(circle.y()[circle.size() - 1]);
            assertThat(circle.size()).isGreaterThan((int) (2 * Math.PI * radius / STEP));
            double turned = 0;
            for (int k = 0; k < circle.size(); k++) {
                assertThat(Math.hypot(circle.x()[k], circle.y()[k])).as("radius %s, point %d", radius, k)
                        .isCloseTo(radius, within(STEP / 2));
                if (k > 0) {
                    double step = Math.atan2(circle.y()[k], circle.x()[k])
                            - Math.atan2(circle.y()[k - 1], circle.x()[k - 1]);
                    turned += Math.IEEEremainder(step, 2 * Math.PI);
                }
            }
            assertThat(Math.abs(turned)).as("goes once around").isCloseTo(2 * Math.PI, within(1e-9));
        }
    }

    @Test
    void aLevelOutsideTheRangeGivesNoCurve() {
        double[][] z = squaredRadius(AXIS, AXIS); // 0 to 8
        assertThat(Contours.at(AXIS, AXIS, z, 8.5)).isEmpty();
        assertThat(Contours.at(AXIS, AXIS, z, -1)).isEmpty();
        // the largest value itself: the four corners reach it, nothing crosses it
        assertThat(Contours.at(AXIS, AXIS, z, 8.0000001)).isEmpty();
    }

    @Test
    void aCurveThatLeavesTheGridIsOpenAndRunsEdgeToEdge() {
        double[] x = axis(0, 1, 11);
        double[] y = axis(0, 2, 7);
        double[][] z = new double[y.length][x.length];
        for (int r = 0; r < y.length; r++) {
            for (int c = 0; c < x.length; c++) {
                z[r][c] = x[c] + 0.1 * y[r]; // levels are straight lines x = level - 0.1 y
            }
        }
        List<Contours.Polyline> lines = Contours.at(x, y, z, 0.53);

        assertThat(lines).hasSize(1);
        Contours.Polyline line = lines.get(0);
        assertThat(line.closed()).isFalse();
        assertThat(line.size()).isEqualTo(y.length + 2); // every row, plus the crossings between rows
        for (int k = 0; k < line.size(); k++) {
            assertThat(line.x()[k] + 0.1 * line.y()[k]).isCloseTo(0.53, within(1e-12)); // exact on a plane
        }
        assertThat(Math.min(line.y()[0], line.y()[line.size() - 1])).isEqualTo(0);
        assertThat(Math.max(line.y()[0], line.y()[line.size() - 1])).isEqualTo(2);
    }

    @Test
    void aSaddleCellIsDecidedByTheMeanOfItsCorners() {
        double[] x = {0, 1};
        double[] y = {0, 1};
        // corners above 0.5 on one diagonal, below on the other: the mean, 0.5, decides
        double[][] z = {{1, 0}, {0, 1}}; // (0,0) = 1, (1,0) = 0, (0,1) = 0, (1,1) = 1

        // level 0.4: the middle (0.5) is above, so the two high corners are joined through it and
        // the two low corners, (1,0) and (0,1), are cut off, each by its own segment
        List<Contours.Polyline> below = Contours.at(x, y, z, 0.4);
        assertThat(below).hasSize(2);
        assertThat(below).allSatisfy(line -> assertThat(middle(line)).satisfiesAnyOf(
                m -> assertThat(m).containsExactly(new double[] {0.8, 0.2}, within(1e-12)),
                m -> assertThat(m).containsExactly(new double[] {0.2, 0.8}, within(1e-12))));
        assertThat(middle(below.get(0))).isNotEqualTo(middle(below.get(1)));

        // level 0.6: the middle is below, so the high corners (0,0) and (1,1) are cut off
        List<Contours.Polyline> above = Contours.at(x, y, z, 0.6);
        assertThat(above).hasSize(2);
        assertThat(above).allSatisfy(line -> assertThat(middle(line)).satisfiesAnyOf(
                m -> assertThat(m).containsExactly(new double[] {0.2, 0.2}, within(1e-12)),
                m -> assertThat(m).containsExactly(new double[] {0.8, 0.8}, within(1e-12))));
        assertThat(middle(above.get(0))).isNotEqualTo(middle(above.get(1)));
    }

    @Test
    void saddlesOfASampledSaddleSurfaceGiveCurvesThatNeverCross() {
        // sin x sin y has saddles at the grid's cell centres' neighbourhood; every level's curves
        // must stay apart (no two segments of a level cross) and each point lies on the level
        double[] x = axis(0, 2 * Math.PI, 13);
        double[] y = axis(0, 2 * Math.PI, 13);
        double[][] z = new double[y.length][x.length];
        for (int r = 0; r < y.length; r++) {
            for (int c = 0; c < x.length; c++) {
                z[r][c] = Math.sin(x[c]) * Math.sin(y[r]);
            }
        }
        for (double level : new double[] {-0.3, 0.01, 0.4}) {
            List<Contours.Polyline> lines = Contours.at(x, y, z, level);
            assertThat(lines).isNotEmpty();
            List<java.awt.geom.Line2D> segments = new java.util.ArrayList<>();
            for (Contours.Polyline line : lines) {
                for (int k = 1; k < line.size(); k++) {
                    segments.add(new java.awt.geom.Line2D.Double(line.x()[k - 1], line.y()[k - 1], line.x()[k],
                            line.y()[k]));
                }
            }
            for (int a = 0; a < segments.size(); a++) {
                for (int b = a + 1; b < segments.size(); b++) {
                    java.awt.geom.Line2D s = segments.get(a);
                    java.awt.geom.Line2D t = segments.get(b);
                    boolean touching = s.getP1().equals(t.getP1()) || s.getP1().equals(t.getP2())
                            || s.getP2().equals(t.getP1()) || s.getP2().equals(t.getP2());
                    if (!touching) {
                        assertThat(s.intersectsLine(t)).as("level %s: segments %d and %d cross", level, a, b)
                                .isFalse();
                    }
                }
            }
        }
    }

    @Test
    void cellsWithANonFiniteCornerAreSkipped() {
        double[][] z = squaredRadius(AXIS, AXIS);
        z[20][30] = Double.NaN;                 // on the circle of radius 1: (x, y) = (1, 0)
        z[0][0] = Double.POSITIVE_INFINITY;     // far from it

        List<Contours.Polyline> lines = Contours.at(AXIS, AXIS, z, 1.0);

        assertThat(lines).hasSize(1);
        Contours.Polyline arc = lines.get(0);
        assertThat(arc.closed()).as("broken where the cells were left out").isFalse();
        for (int k = 0; k < arc.size(); k++) {
            assertThat(Math.hypot(arc.x()[k], arc.y()[k])).isCloseTo(1.0, within(STEP / 2));
            boolean inSkippedCells = arc.x()[k] > 0.9 + 1e-9 && Math.abs(arc.y()[k]) < 0.1 - 1e-9;
            assertThat(inSkippedCells).as("point %d (%s, %s) lies in a skipped cell", k, arc.x()[k], arc.y()[k])
                    .isFalse();
        }
    }

    private static double[] middle(Contours.Polyline line) {
        double[] m = new double[2];
        for (int k = 0; k < line.size(); k++) {
            m[0] += line.x()[k] / line.size();
            m[1] += line.y()[k] / line.size();
        }
        return m;
    }
}
