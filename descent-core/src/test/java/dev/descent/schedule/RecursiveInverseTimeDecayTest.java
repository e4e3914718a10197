package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class RecursiveInverseTimeDecayTest {

    @Test
    void firstStepsByHand() {
        RecursiveInverseTimeDecay schedule = new RecursiveInverseTimeDecay(0.1, 0.5);
        assertThat(schedule.valueAt(0)).isEqualTo(0.1);
        assertThat(schedule.valueAt(1)).isEqualTo(0.1); // α_1 = α_0 / (1 + ρ·0)
        assertThat(schedule.valueAt(2)).isCloseTo(0.1 / 1.5, within(1e-17));
        assertThat(schedule.valueAt(3)).isCloseTo(0.1 / (1.5 * 2), within(1e-17));
        assertThat(schedule.valueAt(4)).isCloseTo(0.1 / (1.5 * 2 * 2.5), within(1e-17));
    }

    @Test
    void matchesPyTorchMultiplicativeLR() {
        // torch 1.13: MultiplicativeLR(SGD(lr=0.1), lr_lambda=lambda t: 1/(1 + ρ*(t-1))), lr before each step
        ScheduleAssertions.assertFirstSteps(new RecursiveInverseTimeDecay(0.1, 0.5), 1e-14,
                0.1, 0.1, 0.06666666666666667, 0.03333333333333333, 0.013333333333333334,
                0.0044444444444444444, 0.0012698412698412698, 0.00031746031746031746, 7.054673721340387e-05);
        ScheduleAssertions.assertFirstSteps(new RecursiveInverseTimeDecay(0.1, 0.01), 1e-14,
                0.1, 0.1, 0.09900990099009901, 0.09706853038245002, 0.09424129163344662, 0.09061662657062174,
                0.08630154911487783, 0.08141655576875266, 0.07609023903621744, 0.07045392503353465,
                0.0646366284711327, 0.05876057133739337);
    }

    @Test
    void matchesTheExactProductFarOut() {
        // α₀ / Π_{s<t}(1 + ρs) in exact rational arithmetic (Python fractions over the doubles' exact values),
        // rounded to double; covers the direct sums (t ≤ 16) and Stirling's series beyond
        double[][] rhoStepValue = {
                {0.01, 10, 0.06463662847113275}, {0.01, 100, 2.3667098067704037e-18},
                {0.01, 500, 4.424538096200885e-251}, {0.01, 1000, 0.0},
                {1e-6, 10, 0.09999550011549778}, {1e-6, 100, 0.09950623944166569},
                {1e-6, 500, 0.08827358848191282}, {1e-6, 1000, 0.060693494617057496},
                {1e-6, 2000, 0.013565111816386023},
                {0.5, 10, 2.565335898669232e-06}, {0.5, 100, 1.3448521385078924e-131},
                {3.0, 3, 0.0035714285714285718}, {3.0, 10, 5.868191958417523e-12},
                {3.0, 100, 1.201295282730602e-205},
        };
        for (double[] row : rhoStepValue) {
            double value = new RecursiveInverseTimeDecay(0.1, row[0]).valueAt((long) row[1]);
            // an absolute error ε in log Π is a relative error ε in the rate: allow 10⁻¹⁵·log Π + 10⁻¹⁴
            double logProduct = row[2] == 0 ? 0 : Math.log(0.1 / row[2]);
            assertThat(value).as("ρ = %s, t = %s", row[0], row[1])
                    .isCloseTo(row[2], within((1e-15 * logProduct + 1e-14) * row[2]));
        }
    }

    @Property(tries = 200)
    void closedFormMatchesTheRecursionItself(@ForAll @Scale(12) @DoubleRange(min = -9, max = 1) double log10Rho) {
        double rho = Math.pow(10, log10Rho);
        RecursiveInverseTimeDecay schedule = new RecursiveInverseTimeDecay(1.0, rho);
        double rate = 1.0; // the lecture's recursion, literally
        for (int t = 0; t < 3_000 && rate > 1e-250; t++) {
            assertThat(schedule.valueAt(t)).as("ρ = %s, t = %d", rho, t).isCloseTo(rate, within(1e-12 * rate));
            rate /= 1 + rho * t;
        }
    }

    @Property(tries = 200)
    void logProductMatchesALogSum(@ForAll @Scale(12) @DoubleRange(min = -15, max = 3) double log10Rho,
            @ForAll @IntRange(min = 0, max = 100_000) int t) {
        double rho = Math.pow(10, log10Rho);
        double sum = 0;
        double compensation = 0; // Kahan: the reference must be better than the value checked
        for (int s = 1; s < t; s++) {
            double term = Math.log1p(rho * s) - compensation;
            double next = sum + term;
            compensation = (next - sum) - term;
            sum = next;
        }
        assertThat(RecursiveInverseTimeDecay.logProduct(rho, t)).isCloseTo(sum, within(1e-13 * sum + 1e-300));
    }

    @Test
    void logProductMatchesLogGammaWhereNoSumCanReach() {
        // t·ln ρ + lnΓ(1/ρ + t) − lnΓ(1/ρ) in 60-digit arithmetic (Python mpmath 1.2.1, loggamma)
        double[][] rhoStepLogProduct = {
                {1e-12, 1_000, 4.994999998335833e-07}, {1e-15, 10_000_000, 0.04999999483333336},
                {1e-9, 1_000_000_000, 386294360.77331704}, {1e-3, 1_000_000, 5915660.079633896},
                {10.0, 1_000_000_000_000L, 28933606208910.207},
        };
        for (double[] row : rhoStepLogProduct) {
            assertThat(RecursiveInverseTimeDecay.logProduct(row[0], (long) row[1]))
                    .as("ρ = %s, t = %s", row[0], row[1])
                    .isCloseTo(row[2], within(1e-15 * row[2]));
        }
    }

    @Test
    void hugeStepsAndRatesUnderflowToZeroWithoutNaN() {
        assertThat(new RecursiveInverseTimeDecay(0.1, 0.01).valueAt(Long.MAX_VALUE)).isZero();
        assertThat(new RecursiveInverseTimeDecay(0.1, Double.MAX_VALUE).valueAt(5)).isZero();
        assertThat(new RecursiveInverseTimeDecay(0.1, Double.MIN_VALUE).valueAt(1_000_000)).isEqualTo(0.1);
        assertThat(new RecursiveInverseTimeDecay(0.1, 1e-300).valueAt(1_000_000)).isEqualTo(0.1);
        assertThat(new RecursiveInverseTimeDecay(0.1, 0).valueAt(Long.MAX_VALUE)).isEqualTo(0.1);
    }
}
