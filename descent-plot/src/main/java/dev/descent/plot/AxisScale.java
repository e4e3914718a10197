package dev.descent.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One axis of a plot: the range it shows and its ticks. Chosen here rather than by XChart, which
 * puts a linear axis's ticks on the data values whenever those are evenly spaced (two distinct
 * values gave the labels "66.6666666667" and "100") and labels a log axis at whole decades only
 * (a lone "1" between 0.3 and 3).
 *
 * <p>Positions are in drawn units: the values themselves on a linear axis, their base-10
 * logarithms on a logarithmic one. A plot draws a log axis as a linear axis over the logarithms,
 * so that ticks can go exactly where they are chosen.
 *
 * <p>Every axis gets at least {@value #MIN_LABELS} labels, as many more as fit apart:
 * <ul>
 *   <li>linear: round ticks, 1, 2 or 5 times a power of ten apart;</li>
 *   <li>logarithmic: each power of ten ("10⁻⁴", "10⁰", "10³") when three or more fit, with
 *       unlabelled marks at 2–9 times each; else 1–9, or 1, 2, 3, 5, or 1, 2, 5 times each power
 *       of ten, the most that fit, as plain decimals ("0.3", "0.5", "1", "2") when all are short,
 *       else as "2·10⁻³"; else every 2nd, 5th, 10th... power of ten; and for a range too narrow
 *       for any of these (0.31 to 0.45), round linear ticks placed at their logarithms.</li>
 * </ul>
 * On an axis too short for labels to keep apart, the fewest that still make three.
 */
record AxisScale(double min, double max, boolean log, List<Tick> ticks) {
    static final int MIN_LABELS = 3;
    /** The fraction of the data's span left free at each end of an axis that is not exact. */
    static final double MARGIN = 0.03;
    /** Chosen ticks are at least this many pixels apart up a vertical axis... */
    static final double VERTICAL_SPACING = 60;
    /** ... and along a horizontal one, where their labels also keep {@value #LABEL_GAP} pixels apart. */
    static final double HORIZONTAL_SPACING = 80;
    /** Pixels between neighbouring labels, the least that keeps them readable. */
    static final double LABEL_GAP = 16;
    /** Minor log ticks (2–9 times a power of ten) only when a decade is at least this many pixels. */
    private static final double MINOR_DECADE_PIXELS = 30;

    /** A tick at a position in drawn units; a null label marks an unlabelled minor tick. */
    record Tick(double at, String label) {
    }

    /** How the drawn range relates to the data's range. */
    enum Range {
        /** Exactly the given range. */
        EXACT,
        /** The range widened by {@link #MARGIN} of its span at each end (a linear end at zero stays). */
        PADDED,
        /** Padded, then widened to the next round tick outside it at each end (linear axes). */
        ROUNDED
    }

    AxisScale {
        ticks = List.copyOf(ticks);
    }

    /** Where a value is drawn along this axis: the value itself, or its logarithm. */
    double position(double value) {
        return log ? Math.log10(value) : value;
    }

    /** The labels shown, in order along the axis. */
    List<String> labels() {
        return ticks.stream().map(Tick::label).filter(Objects::nonNull).toList();
    }

    /** A linear axis over the values {@code lo} to {@code hi}, {@code pixels} long. */
    static AxisScale linear(double lo, double hi, Range range, double pixels, boolean horizontal) {
        return linear(lo, hi, range, pixels, horizontal, false);
    }

    /**
     * A linear axis; for {@code integral} data (epochs, counts) no step under 1 unless needed for
     * three labels, so that there is no tick at epoch 1.5.
     */
    static AxisScale linear(double lo, double hi, Range range, double pixels, boolean horizontal, boolean integral) {
        double[] span = span(lo, hi, range, false);
        Step step = roundStep(span[0], span[1], false, span, pixels, horizontal, integral);
        if (range == Range.ROUNDED) {
            // at most a step more at each end: the labels stay apart, a little closer than asked
            span = new double[] {step.value(step.floor(span[0])), step.value(step.ceil(span[1]))};
        }
        return new AxisScale(span[0], span[1], false, roundTicks(span[0], span[1], step, false));
    }

    /** A logarithmic axis over the positive values {@code lo} to {@code hi} (a rounded range is padded only). */
    static AxisScale logarithmic(double lo, double hi, Range range, double pixels, boolean horizontal) {
        double[] span = span(Math.log10(lo), Math.log10(hi), range, true);
        double a = span[0];
        double b = span[1];
        boolean minor = pixels / (b - a) >= MINOR_DECADE_PIXELS;
        List<List<Tick>> candidates = new ArrayList<>();
        candidates.add(decades(a, b, 1, minor));
        candidates.add(multiples(a, b, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, minor));
        candidates.add(multiples(a, b, new int[] {1, 2, 3, 5}, minor));
        candidates.add(multiples(a, b, new int[] {1, 2, 5}, minor));
        for (Step every = new Step(2, 0); every.value(1) <= b - a; every = every.larger()) {
            candidates.add(decades(a, b, (long) every.value(1), false));
        }
        List<Tick> sparsest = null; // if none fits: the fewest labels that still make three
        for (List<Tick> ticks : candidates) {
            if (labelled(ticks) >= MIN_LABELS && fits(ticks, a, b, pixels, horizontal)) {
                return new AxisScale(a, b, true, ticks);
            }
            if (labelled(ticks) >= MIN_LABELS && (sparsest == null || labelled(ticks) < labelled(sparsest))) {
                sparsest = ticks;
            }
        }
        if (sparsest != null) {
            return new AxisScale(a, b, true, sparsest);
        }
        double from = Math.pow(10, a);
        double to = Math.pow(10, b);
        Step step = roundStep(from, to, true, span, pixels, horizontal, false);
        return new AxisScale(a, b, true, roundTicks(from, to, step, true));
    }

    /**
     * An axis from {@code lo} to {@code hi} (padded) with a tick at each distinct value of
     * {@code at}, e.g. the values a sweep tried; labels that would run into the previous one are
     * left out, their ticks kept.
     */
    static AxisScale atValues(double lo, double hi, boolean log, double[] at, double pixels, boolean horizontal) {
        double[] span = log ? span(Math.log10(lo), Math.log10(hi), Range.PADDED, true)
                : span(lo, hi, Range.PADDED, false);
        TreeSet<Double> distinct = new TreeSet<>();
        for (double v : at) {
            distinct.add(v);
        }
        double perUnit = pixels / (span[1] - span[0]);
        List<Tick> ticks = new ArrayList<>();
        Tick previous = null;
        for (double v : distinct) {
            Tick tick = new Tick(log ? Math.log10(v) : v, TickLabels.format(v));
            if (previous != null && (tick.at() - previous.at()) * perUnit < needed(previous, tick, horizontal, false)) {
                tick = new Tick(tick.at(), null);
            } else {
                previous = tick;
            }
            ticks.add(tick);
        }
        return new AxisScale(span[0], span[1], log, ticks);
    }

    /** The drawn range, in drawn units: widened around a single value, padded unless exact. */
    private static double[] span(double a, double b, Range range, boolean log) {
        double largest = Math.max(Math.abs(a), Math.abs(b));
        if (!(b - a > 1e-12 * largest) || b - a < Double.MIN_NORMAL) {
            double middle = (a + b) / 2;
            double half = log ? 0.05 : middle == 0 ? 1 : 0.05 * Math.abs(middle); // ±12 % on a log axis
            return new double[] {middle - half, middle + half};
        }
        if (range == Range.EXACT) {
            return new double[] {a, b};
        }
        double pad = MARGIN * (b - a);
        boolean keepZero = !log; // a linear axis that starts or ends at zero keeps that end
        return new double[] {keepZero && a == 0 ? a : a - pad, keepZero && b == 0 ? b : b + pad};
    }

    /**
     * The smallest round step whose ticks between the values {@code lo} and {@code hi} keep their
     * labels apart, and smaller still if that gives fewer than {@value #MIN_LABELS} ticks.
     */
    private static Step roundStep(double lo, double hi, boolean log, double[] span, double pixels,
                                  boolean horizontal, boolean integral) {
        Step step = Step.atLeast(hi - lo);
        for (int i = 0; i < 200; i++) {
            Step smaller = step.smaller();
            if (integral && smaller.exponent() < 0
                    || !fits(roundTicks(lo, hi, smaller, log), span[0], span[1], pixels, horizontal)) {
                break;
            }
            step = smaller;
        }
        while (step.ceil(lo) + MIN_LABELS - 1 > step.floor(hi)) {
            step = step.smaller();
        }
        return step;
    }

    /** Multiples of the step between the values {@code lo} and {@code hi}, at their logarithms on a log axis. */
    private static List<Tick> roundTicks(double lo, double hi, Step step, boolean log) {
        List<Tick> ticks = new ArrayList<>();
        for (long k = step.ceil(lo); k <= step.floor(hi); k++) {
            double value = step.value(k);
            ticks.add(new Tick(log ? Math.log10(value) : value, TickLabels.format(value)));
        }
        return ticks;
    }

    /** Every {@code every}-th power of ten between the logarithms a and b, with minor ticks between. */
    private static List<Tick> decades(double a, double b, long every, boolean minor) {
        List<Tick> ticks = new ArrayList<>();
        for (long e = (long) Math.floor(a); e <= Math.ceil(b); e++) {
            if (e % every == 0 && e >= a - 1e-9 && e <= b + 1e-9) {
                ticks.add(new Tick(e, TickLabels.powerOfTen((int) e)));
            }
            for (int m = 2; minor && every == 1 && m <= 9; m++) {
                if (e + Math.log10(m) >= a && e + Math.log10(m) <= b) {
                    ticks.add(new Tick(e + Math.log10(m), null));
                }
            }
        }
        ticks.sort((t, u) -> Double.compare(t.at(), u.at()));
        return ticks;
    }

    /** {@code mantissas} (increasing) times each power of ten between the logarithms a and b; other mantissas minor. */
    private static List<Tick> multiples(double a, double b, int[] mantissas, boolean minor) {
        List<Tick> ticks = new ArrayList<>();
        List<long[]> labelled = new ArrayList<>(); // {mantissa, exponent}
        for (long e = (long) Math.floor(a); e <= Math.ceil(b); e++) {
            for (int m = 1; m <= 9; m++) {
                double at = e + Math.log10(m);
                if (at < a - 1e-9 || at > b + 1e-9) {
                    continue;
                }
                if (Arrays.binarySearch(mantissas, m) >= 0) {
                    labelled.add(new long[] {m, e});
                } else if (minor) {
                    ticks.add(new Tick(at, null));
                }
            }
        }
        // "0.3", "0.5", "1" when every label is a short decimal; else all alike, "2·10⁻⁶"
        boolean plain = labelled.stream().allMatch(me -> TickLabels.plain(value(me[0], me[1])));
        for (long[] me : labelled) {
            ticks.add(new Tick(me[1] + Math.log10(me[0]), plain ? TickLabels.format(value(me[0], me[1]))
                    : TickLabels.timesPowerOfTen((int) me[0], (int) me[1])));
        }
        ticks.sort((t, u) -> Double.compare(t.at(), u.at()));
        return ticks;
    }

    /** m·10^e, exact for the round values tick labels show. */
    private static double value(long m, long e) {
        return e >= 0 ? m * Math.pow(10, e) : m / Math.pow(10, -e);
    }

    private static int labelled(List<Tick> ticks) {
        return (int) ticks.stream().filter(t -> t.label() != null).count();
    }

    /** Whether neighbouring labels keep apart on an axis {@code pixels} long showing min to max (drawn units). */
    private static boolean fits(List<Tick> ticks, double min, double max, double pixels, boolean horizontal) {
        double perUnit = pixels / (max - min);
        Tick previous = null;
        for (Tick tick : ticks) {
            if (tick.label() == null) {
                continue;
            }
            if (previous != null && (tick.at() - previous.at()) * perUnit < needed(previous, tick, horizontal, true)) {
                return false;
            }
            previous = tick;
        }
        return true;
    }

    /**
     * The pixels two neighbouring labels need between their ticks: enough not to run into each
     * other, and for ticks this class chooses ({@code chosen}) an even, unhurried spacing.
     */
    private static double needed(Tick first, Tick second, boolean horizontal, boolean chosen) {
        if (!horizontal) {
            return chosen ? VERTICAL_SPACING : Text.height(PlotStyle.TICK_FONT) + LABEL_GAP / 2;
        }
        double halfWidths = (Text.width(first.label(), PlotStyle.TICK_FONT)
                + Text.width(second.label(), PlotStyle.TICK_FONT)) / 2;
        double apart = LABEL_GAP + halfWidths;
        return chosen ? Math.max(HORIZONTAL_SPACING, apart) : apart;
    }

    /** A round step, {@code mantissa} (1, 2 or 5) times ten to the {@code exponent}. */
    private record Step(int mantissa, int exponent) {
        /** The smallest round step at least this large. */
        static Step atLeast(double size) {
            int exponent = (int) Math.floor(Math.log10(size));
            for (int m : new int[] {1, 2, 5}) {
                if (new Step(m, exponent).value(1) >= size * (1 - 1e-12)) {
                    return new Step(m, exponent);
                }
            }
            return new Step(1, exponent + 1);
        }

        Step smaller() {
            return switch (mantissa) {
                case 1 -> new Step(5, exponent - 1);
                case 2 -> new Step(1, exponent);
                default -> new Step(2, exponent);
            };
        }

        Step larger() {
            return switch (mantissa) {
                case 1 -> new Step(2, exponent);
                case 2 -> new Step(5, exponent);
                default -> new Step(1, exponent + 1);
            };
        }

        /** k steps, computed so that round values come out exact (0.3, not 0.30000000000000004). */
        double value(long k) {
            return exponent >= 0 ? k * mantissa * Math.pow(10, exponent) : k * mantissa / Math.pow(10, -exponent);
        }

        /** The first multiple at or above x, allowing for rounding. */
        long ceil(double x) {
            return (long) Math.ceil(x / value(1) - 1e-9);
        }

        long floor(double x) {
            return (long) Math.floor(x / value(1) + 1e-9);
        }
    }
}
