package dev.descent.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.plot.AxisScale.Range;
import dev.descent.plot.AxisScale.Tick;
import java.util.List;
import org.junit.jupiter.api.Test;

class AxisScaleTest {
    /** About the plot area of a default 900 × 600 line plot: 450 pixels high, 800 wide. */
    private static final double HIGH = 450;
    private static final double WIDE = 800;

    @Test
    void tuneScoresGetRoundTicksAndTheAxisEndsOnThem() {
        // Tune's best score so far: 66.67, then 100 for 29 trials. XChart labelled this "66.6666666667" and "100".
        AxisScale y = AxisScale.linear(200.0 / 3, 100, Range.ROUNDED, HIGH, false);
        assertThat(y.labels()).containsExactly("65", "70", "75", "80", "85", "90", "95", "100", "105");
        assertThat(y.min()).isEqualTo(65);
        assertThat(y.max()).as("the line at 100 stays off the frame").isEqualTo(105);
        assertThat(y.ticks()).extracting(Tick::at).contains(65.0, 100.0);
    }

    @Test
    void aConstantAndATinyRangeGetSeveralReadableLabels() {
        AxisScale constant = AxisScale.linear(100, 100, Range.ROUNDED, HIGH, false);
        assertThat(constant.labels()).hasSizeGreaterThanOrEqualTo(3).contains("100");
        assertThat(constant.min()).isLessThan(100);
        assertThat(constant.max()).isGreaterThan(100);

        AxisScale zero = AxisScale.linear(0, 0, Range.ROUNDED, HIGH, false);
        assertThat(zero.labels()).hasSizeGreaterThanOrEqualTo(3).contains("0");

        AxisScale tiny = AxisScale.linear(0.3284, 0.3290, Range.ROUNDED, HIGH, false);
        assertThat(tiny.labels()).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates()
                .allSatisfy(label -> assertThat(label).matches("0\\.32\\d\\d?"));
        assertThat(tiny.min()).isLessThanOrEqualTo(0.3284);
        assertThat(tiny.max()).isGreaterThanOrEqualTo(0.3290);
    }

    @Test
    void exactAndPaddedRangesKeepTheirEndsAndTickInside() {
        AxisScale exact = AxisScale.linear(-10, 10, Range.EXACT, WIDE, true);
        assertThat(exact.min()).isEqualTo(-10);
        assertThat(exact.max()).isEqualTo(10);
        assertThat(exact.labels()).startsWith("-10").endsWith("10");

        AxisScale padded = AxisScale.linear(1, 30, Range.PADDED, WIDE, true);
        assertThat(padded.min()).isCloseTo(1 - 0.03 * 29, within(1e-12));
        assertThat(padded.labels()).containsExactly("5", "10", "15", "20", "25", "30");

        assertThat(AxisScale.linear(1, 5, Range.PADDED, WIDE, true).labels()).contains("1.5");
        assertThat(AxisScale.linear(1, 5, Range.PADDED, WIDE, true, true).labels()).as("whole epochs")
                .containsExactly("1", "2", "3", "4", "5");
        assertThat(AxisScale.linear(1, 2, Range.PADDED, WIDE, true, true).labels()).as("but three labels first")
                .containsExactly("1", "1.5", "2");

        AxisScale fromZero = AxisScale.linear(0, 0.9, Range.ROUNDED, HIGH, false);
        assertThat(fromZero.min()).as("an axis starting at zero is not padded below it").isZero();
    }

    @Test
    void logAxesLabelDecadesInSuperscriptWhenThreeOrMoreFit() {
        AxisScale y = AxisScale.logarithmic(1e-4, 1e2, Range.PADDED, HIGH, false);
        assertThat(y.labels()).containsExactly("10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹", "10²");
        assertThat(y.log()).isTrue();
        assertThat(y.position(1e-4)).isEqualTo(-4);
        assertThat(y.ticks()).as("unlabelled minor ticks at 2-9 times each power")
                .filteredOn(tick -> tick.label() == null).extracting(Tick::at)
                .contains(Math.log10(2e-4), Math.log10(5e1));

        // thirty decades: every 5th power of ten, or every 10th on a short axis
        AxisScale wide = AxisScale.logarithmic(1e-15, 1e15, Range.PADDED, HIGH, false);
        assertThat(wide.labels()).containsExactly("10⁻¹⁵", "10⁻¹⁰", "10⁻⁵", "10⁰", "10⁵", "10¹⁰", "10¹⁵");
        assertThat(AxisScale.logarithmic(1e-15, 1e15, Range.PADDED, 200, false).labels())
                .containsExactly("10⁻¹⁰", "10⁰", "10¹⁰");
    }

    @Test
    void logAxesWithinAboutADecadeLabelMinorTicks() {
        // batch-noise: values between 0.3 and 3 showed a single label, "1"
        AxisScale y = AxisScale.logarithmic(0.3, 3, Range.PADDED, HIGH, false);
        assertThat(y.labels()).containsExactly("0.3", "0.5", "1", "2", "3");
        assertThat(y.ticks()).filteredOn(tick -> "0.3".equals(tick.label())).extracting(Tick::at)
                .containsExactly(Math.log10(0.3));

        // away from plain decimals: 2·10⁻⁶ style
        AxisScale small = AxisScale.logarithmic(2e-6, 2e-5, Range.PADDED, HIGH, false);
        assertThat(small.labels()).contains("2·10⁻⁶", "10⁻⁵", "2·10⁻⁵").hasSizeGreaterThanOrEqualTo(3);

        // too narrow for any power of ten: round decimals, placed at their logarithms
        AxisScale narrow = AxisScale.logarithmic(0.31, 0.45, Range.PADDED, HIGH, false);
        assertThat(narrow.labels()).containsExactly("0.35", "0.4", "0.45");
        assertThat(narrow.ticks().get(0).at()).isCloseTo(Math.log10(0.35), within(1e-12));
    }

    @Test
    void everyAxisHasThreeLabelsOrMoreThatKeepApart() {
        double[][] ranges = {{0, 1}, {-3, 7}, {1, 30}, {0.001, 0.0013}, {1e6, 1e9}, {-1e-7, 1e-7}, {42, 42},
            {123456, 123457}, {0.5, 5000}};
        for (double[] range : ranges) {
            for (double pixels : new double[] {120, WIDE}) {
                for (boolean log : new boolean[] {false, true}) {
                    if (log && range[0] <= 0) {
                        continue;
                    }
                    AxisScale x = log ? AxisScale.logarithmic(range[0], range[1], Range.PADDED, pixels, true)
                            : AxisScale.linear(range[0], range[1], Range.ROUNDED, pixels, true);
                    String what = (log ? "log " : "linear ") + range[0] + " to " + range[1] + " on " + pixels + " px: "
                            + x.labels();
                    assertThat(x.labels()).as(what).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
                    if (pixels == WIDE) {
                        assertApart(x, pixels, what);
                    }
                }
            }
        }
    }

    @Test
    void ticksAtValuesKeepEveryTickAndLeaveOutLabelsThatWouldCollide() {
        double[] lr = {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1};
        AxisScale wide = AxisScale.atValues(0.001, 1, true, lr, WIDE, true);
        assertThat(wide.labels()).containsExactly("0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1");
        assertThat(wide.ticks().get(1).at()).isEqualTo(Math.log10(0.003));
        assertThat(wide.min()).isLessThan(-3);

        double[] many = new double[12];
        for (int i = 0; i < many.length; i++) {
            many[i] = 1000 * (i + 1);
        }
        AxisScale narrow = AxisScale.atValues(1000, 12000, false, many, 200, true);
        assertThat(narrow.ticks()).hasSize(12);
        assertThat(narrow.labels()).hasSizeBetween(2, 11).startsWith("1000");
        assertApart(narrow, 200, "narrow");
    }

    /** Neighbouring labels along a horizontal axis do not overlap. */
    private static void assertApart(AxisScale x, double pixels, String what) {
        List<Tick> labelled = x.ticks().stream().filter(tick -> tick.label() != null).toList();
        for (int i = 1; i < labelled.size(); i++) {
            double distance = (labelled.get(i).at() - labelled.get(i - 1).at()) / (x.max() - x.min()) * pixels;
            double halfWidths = (Text.width(labelled.get(i).label(), PlotStyle.TICK_FONT)
                    + Text.width(labelled.get(i - 1).label(), PlotStyle.TICK_FONT)) / 2;
            assertThat(distance).as(what).isGreaterThan(halfWidths + 8);
        }
    }
}
