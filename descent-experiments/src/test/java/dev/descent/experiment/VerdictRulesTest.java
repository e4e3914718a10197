package dev.descent.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Each comparative experiment's verdict rule on synthetic per-seed figures where the answer is
 * known: supported, not supported (the effect reversed beyond the noise) and inconclusive (an
 * effect smaller than its noise).
 */
class VerdictRulesTest {

    @Test
    void overSeedsHasTheSampleStandardErrorOfTheMean() {
        OverSeeds v = OverSeeds.of(1, 2, 3, 4, 5);
        assertThat(v.mean()).isEqualTo(3.0);
        // sd = √2.5, SE = √(2.5/5)
        assertThat(v.standardError()).isCloseTo(Math.sqrt(0.5), within(1e-15));
        assertThat(OverSeeds.of(7).standardError()).isZero();
        assertThat(OverSeeds.difference(new double[] {3, 5}, new double[] {1, 2}).values()).containsExactly(2, 3);
        assertThat(OverSeeds.of(0.05, 0.06, 0.04, 0.055, 0.0512).toString()).isEqualTo("0.0512 ± 0.0033");
        assertThat(OverSeeds.of(1400, 1300, 1350).toString()).isEqualTo("1350 ± 29");
        assertThat(OverSeeds.of(0.3284).toString()).isEqualTo("0.3284");
    }

    @Test
    void aThresholdIsPassedOnlyBeyondTwoStandardErrors() {
        assertThat(OverSeeds.of(1.0, 1.1, 0.9, 1.05, 0.95).above(0)).isEqualTo(Verdict.SUPPORTED);
        assertThat(OverSeeds.of(-1.0, -1.1, -0.9, -1.05, -0.95).above(0)).isEqualTo(Verdict.NOT_SUPPORTED);
        assertThat(OverSeeds.of(0.1, -0.2, 0.3, -0.1, 0.05).above(0)).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(OverSeeds.of(0.1, -0.2, 0.3, -0.1, 0.05).below(0)).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(OverSeeds.of(-1.0, -1.1, -0.9).below(0)).isEqualTo(Verdict.SUPPORTED);
        assertThat(OverSeeds.of(0.0, 0.1, -0.1).within(-1, 1)).isEqualTo(Verdict.SUPPORTED);
        assertThat(OverSeeds.of(5.0, 5.1, 4.9).within(-1, 1)).isEqualTo(Verdict.NOT_SUPPORTED);
        assertThat(OverSeeds.of(0.0, 2.0, 1.0).within(-1, 1)).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void oneFailingPartRejectsAClaimAndOneUndecidedPartLeavesItOpen() {
        assertThat(Verdict.allOf(Verdict.SUPPORTED, Verdict.SUPPORTED)).isEqualTo(Verdict.SUPPORTED);
        assertThat(Verdict.allOf(Verdict.SUPPORTED, Verdict.INCONCLUSIVE)).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Verdict.allOf(Verdict.INCONCLUSIVE, Verdict.NOT_SUPPORTED)).isEqualTo(Verdict.NOT_SUPPORTED);
    }

    @Test
    void aNonFiniteFigureOrMismatchedSeedsAreRefused() {
        assertThatThrownBy(() -> OverSeeds.of(1, Double.NaN)).hasMessageContaining("seed run 1");
        assertThatThrownBy(() -> OverSeeds.difference(new double[] {1, 2}, new double[] {1}))
                .hasMessageContaining("one value per seed");
    }

    @Test
    void schedulesNeedsEveryDecayBelowTheConstantRateBeyondTheNoise() {
        double[] constant = {0.40, 0.42, 0.39, 0.41, 0.43};
        double[] clearlyLower = {0.35, 0.36, 0.34, 0.35, 0.37};
        double[] clearlyHigher = {0.45, 0.47, 0.44, 0.46, 0.48};
        double[] same = {0.41, 0.40, 0.40, 0.42, 0.42};
        assertThat(SchedulesExperiment.judge(constant, new double[][] {clearlyLower, clearlyLower}))
                .isEqualTo(Verdict.SUPPORTED);
        assertThat(SchedulesExperiment.judge(constant, new double[][] {clearlyLower, clearlyHigher}))
                .isEqualTo(Verdict.NOT_SUPPORTED);
        assertThat(SchedulesExperiment.judge(constant, new double[][] {clearlyLower, same}))
                .isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void sgdNoiseNeedsAWiderSpreadAndAHigherExcessWithTheConstantStep() {
        double[] wide = {0.08, 0.07, 0.09, 0.08, 0.075};
        double[] narrow = {0.008, 0.007, 0.009, 0.008, 0.0075};
        double[] high = {0.14, 0.15, 0.13, 0.14, 0.145};
        double[] low = {0.015, 0.014, 0.016, 0.015, 0.0145};
        assertThat(SgdNoiseExperiment.judge(wide, narrow, high, low)).isEqualTo(Verdict.SUPPORTED);
        assertThat(SgdNoiseExperiment.judge(narrow, wide, low, high)).isEqualTo(Verdict.NOT_SUPPORTED);
        // spreads alike: the constant step's is not twice the decaying step's, beyond the noise
        assertThat(SgdNoiseExperiment.judge(wide, wide, high, low)).isEqualTo(Verdict.NOT_SUPPORTED);
        double[] aboutHalf = {0.045, 0.03, 0.05, 0.035, 0.04};
        assertThat(SgdNoiseExperiment.judge(wide, aboutHalf, high, low)).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void learningRateNeedsSlowSmallRatesOvershootingLargeOnesAndAGoodSuggestion() {
        double[] small = {1.9, 1.85, 1.95, 1.9, 1.88};
        double[] good = {0.49, 0.5, 0.48, 0.51, 0.5};
        double[] overshoot = {100, 100, 3.2, 100, 100};
        double[] suggested = {0.05, 0.06, 0.04, 0.05, 0.07};
        assertThat(LearningRateExperiment.judge(small, good, overshoot, suggested)).isEqualTo(Verdict.SUPPORTED);
        // the small rate learning as fast as the good one rejects the claim
        assertThat(LearningRateExperiment.judge(good, good, overshoot, suggested)).isEqualTo(Verdict.NOT_SUPPORTED);
        // a suggestion 1000× off rejects it too
        assertThat(LearningRateExperiment.judge(small, good, overshoot, new double[] {100, 90, 110, 100, 95}))
                .isEqualTo(Verdict.NOT_SUPPORTED);
        // an overshoot that is as likely absent as present leaves it open
        assertThat(LearningRateExperiment.judge(small, good, new double[] {0.1, 2, 0.0, 1.5, 0.2}, suggested))
                .isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void gdVsSgdNeedsSgdAheadAfterExactlyOneEpoch() {
        double[] gd = {2.0, 2.1, 2.05, 1.95, 2.0};
        double[] sgd = {0.47, 0.46, 0.48, 0.47, 0.49};
        assertThat(GdVsSgdExperiment.judgePart1(gd, sgd)).isEqualTo(Verdict.SUPPORTED);
        assertThat(GdVsSgdExperiment.judgePart1(sgd, gd)).isEqualTo(Verdict.NOT_SUPPORTED);
        assertThat(GdVsSgdExperiment.judgePart1(gd, new double[] {2.05, 1.95, 2.1, 2.0, 1.9}))
                .isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void gdVsSgdNeedsSgdCountsGrowingLikeAPowerOfOneOverRhoFasterThanGds() {
        double[] gdSlope = {0.38, 0.35, 0.41, 0.37, 0.40};
        double[] sgdSlope = {0.95, 1.05, 0.9, 1.1, 1.0};
        assertThat(GdVsSgdExperiment.judgePart2(gdSlope, sgdSlope)).isEqualTo(Verdict.SUPPORTED);
        assertThat(GdVsSgdExperiment.judgePart2(sgdSlope, gdSlope)).isEqualTo(Verdict.NOT_SUPPORTED);
        assertThat(GdVsSgdExperiment.judgePart2(gdSlope, new double[] {0.2, 0.9, 0.4, 1.0, 0.5}))
                .isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void theSingleMeasurementRulesHoldAndFailWhereTheyShould() {
        assertThat(BatchNoiseExperiment.judge(-0.496)).isEqualTo(Verdict.SUPPORTED);
        assertThat(BatchNoiseExperiment.judge(-0.3)).isEqualTo(Verdict.NOT_SUPPORTED);
        assertThat(BatchNoiseExperiment.judge(-1.0)).isEqualTo(Verdict.NOT_SUPPORTED);

        assertThat(MomentumExperiment.judge(6e-5, 33, 116)).isEqualTo(Verdict.SUPPORTED);
        assertThat(MomentumExperiment.judge(0.05, 33, 116)).isEqualTo(Verdict.NOT_SUPPORTED);
        assertThat(MomentumExperiment.judge(6e-5, 60, 116)).isEqualTo(Verdict.NOT_SUPPORTED);

        assertThat(ClosedFormExperiment.judge(1.6e-13, 1.0, 0.074, 6e-17)).isEqualTo(Verdict.SUPPORTED);
        assertThat(ClosedFormExperiment.judge(1e-3, 1.0, 0.074, 6e-17)).isEqualTo(Verdict.NOT_SUPPORTED);
        assertThat(ClosedFormExperiment.judge(1.6e-13, 1.0, 0.5, 6e-17)).isEqualTo(Verdict.NOT_SUPPORTED);
        assertThat(ClosedFormExperiment.judge(1.6e-13, 1.0, 0.074, 1e-4)).isEqualTo(Verdict.NOT_SUPPORTED);

        assertThat(LandscapeExperiment.descends(2.289, 0.366, 0)).isTrue();
        assertThat(LandscapeExperiment.descends(2.289, 0.366, 0.2)).isFalse();
        assertThat(LandscapeExperiment.descends(0.366, 2.289, 0)).isFalse();
        assertThat(LandscapeExperiment.bowl(0.366, 0.363, 0.514)).isTrue();
        assertThat(LandscapeExperiment.bowl(0.366, 0.2, 0.514)).isFalse();
        assertThat(LandscapeExperiment.bowl(0.366, 0.363, 0.3)).isFalse();

        assertThat(ModeConnectivityExperiment.judge(0.441, 0.012)).isEqualTo(Verdict.SUPPORTED);
        assertThat(ModeConnectivityExperiment.judge(0.05, 0.001)).isEqualTo(Verdict.NOT_SUPPORTED);
        assertThat(ModeConnectivityExperiment.judge(0.441, 0.2)).isEqualTo(Verdict.NOT_SUPPORTED);
    }
}
