package dev.descent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The formulas, the 0/0 = 0 rule and the two averages. */
class PrecisionRecallF1Test {

    @Test
    void zeroOverZeroIsZero() {
        assertThat(PrecisionRecallF1.of(0, 0, 0)).as("absent and never predicted")
                .isEqualTo(new PrecisionRecallF1(0, 0, 0, 0));
        assertThat(PrecisionRecallF1.of(0, 0, 5)).as("never predicted")
                .isEqualTo(new PrecisionRecallF1(0, 0, 0, 5));
        assertThat(PrecisionRecallF1.of(0, 3, 0)).as("absent but predicted")
                .isEqualTo(new PrecisionRecallF1(0, 0, 0, 0));
    }

    @Property(tries = 200)
    void f1IsTheHarmonicMeanOfPrecisionAndRecall(@ForAll @IntRange(min = 1, max = 1000) int truePositives,
            @ForAll @IntRange(min = 0, max = 1000) int falsePositives,
            @ForAll @IntRange(min = 0, max = 1000) int falseNegatives) {
        PrecisionRecallF1 s = PrecisionRecallF1.of(truePositives, truePositives + falsePositives,
                truePositives + falseNegatives);

        assertThat(s.precision()).isEqualTo((double) truePositives / (truePositives + falsePositives));
        assertThat(s.recall()).isEqualTo((double) truePositives / (truePositives + falseNegatives));
        assertThat(s.f1()).isCloseTo(2 * s.precision() * s.recall() / (s.precision() + s.recall()), within(1e-14));
    }

    @Test
    void averagesWeighClassesEquallyOrBySupport() {
        List<PrecisionRecallF1> classes = List.of(
                new PrecisionRecallF1(1.0, 0.5, 2.0 / 3, 2),
                new PrecisionRecallF1(0.25, 1.0, 0.4, 6));

        PrecisionRecallF1 macro = PrecisionRecallF1.macroAverage(classes);
        assertThat(macro.precision()).isEqualTo(0.625);
        assertThat(macro.recall()).isEqualTo(0.75);
        assertThat(macro.f1()).isCloseTo((2.0 / 3 + 0.4) / 2, within(1e-15));
        assertThat(macro.support()).isEqualTo(8);
        PrecisionRecallF1 weighted = PrecisionRecallF1.weightedAverage(classes);
        assertThat(weighted.precision()).isEqualTo((2 * 1.0 + 6 * 0.25) / 8);
        assertThat(weighted.recall()).isEqualTo((2 * 0.5 + 6 * 1.0) / 8);
        assertThat(weighted.support()).isEqualTo(8);
        assertThat(PrecisionRecallF1.weightedAverage(List.of(new PrecisionRecallF1(0, 0, 0, 0))))
                .isEqualTo(new PrecisionRecallF1(0, 0, 0, 0));
        assertThat(PrecisionRecallF1.macroAverage(List.of())).isEqualTo(new PrecisionRecallF1(0, 0, 0, 0));
    }

    @Test
    void invalidValuesAreRejected() {
        assertThatThrownBy(() -> new PrecisionRecallF1(1.5, 0, 0, 1)).hasMessage("precision must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> new PrecisionRecallF1(0, Double.NaN, 0, 1)).hasMessage("recall must be in [0, 1], got NaN");
        assertThatThrownBy(() -> new PrecisionRecallF1(0, 0, 0, -1)).hasMessage("support must be ≥ 0, got -1");
        assertThatThrownBy(() -> PrecisionRecallF1.of(3, 2, 5))
                .hasMessage("need 0 ≤ true positives ≤ predicted and ≤ support, got 3 true positives, 2 predicted, 5 support");
    }
}
