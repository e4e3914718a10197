package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.schedule.ReduceOnPlateau.Settings;
import dev.descent.schedule.ReduceOnPlateau.State;
import dev.descent.schedule.ReduceOnPlateau.ThresholdMode;
import org.junit.jupiter.api.Test;

/**
 * Scenarios recorded from torch 1.13 {@code ReduceLROnPlateau}: SGD with one parameter,
 * {@code scheduler.step(metric)} per report, then the group's lr, {@code best},
 * {@code num_bad_epochs} and {@code cooldown_counter} read after each report.
 */
class ReduceOnPlateauTest {

    /** Reports each metric and checks the state after it against row {rate, best, badEpochs, cooldownRemaining}. */
    private static void replay(ReduceOnPlateau plateau, double[] metrics, double[][] expected) {
        for (int i = 0; i < metrics.length; i++) {
            plateau.report(metrics[i]);
            State state = plateau.state();
            assertThat(state).as("after report %d (%s)", i, metrics[i])
                    .isEqualTo(new State(expected[i][0], expected[i][1], (int) expected[i][2], (int) expected[i][3]));
            assertThat(plateau.valueAt(i * 1_000L)).isEqualTo(expected[i][0]);
        }
    }

    @Test
    void patienceCountsReportsWithoutRelativeImprovement() {
        // ReduceLROnPlateau(SGD(lr=1.0), mode='min', factor=0.5, patience=2, threshold=1e-4)
        ReduceOnPlateau plateau = new ReduceOnPlateau(1.0, Settings.minimize().withFactor(0.5).withPatience(2));
        assertThat(plateau.valueAt(0)).isEqualTo(1.0);
        double[] metrics = {10, 9, 9, 9, 9, 8, 8.9999, 8.9995, 9, 9, 9, 9, 9, 9};
        double[][] expected = {
                {1.0, 10, 0, 0}, {1.0, 9, 0, 0}, {1.0, 9, 1, 0}, {1.0, 9, 2, 0}, {0.5, 9, 0, 0},
                {0.5, 8, 0, 0}, {0.5, 8, 1, 0}, {0.5, 8, 2, 0}, {0.25, 8, 0, 0}, {0.25, 8, 1, 0},
                {0.25, 8, 2, 0}, {0.125, 8, 0, 0}, {0.125, 8, 1, 0}, {0.125, 8, 2, 0},
        };
        replay(plateau, metrics, expected);
    }

    @Test
    void cooldownAndMinRateWhenMaximisingWithAnAbsoluteThreshold() {
        // ReduceLROnPlateau(SGD(lr=0.1), mode='max', factor=0.1, patience=1, threshold=0.1, threshold_mode='abs',
        //                   cooldown=2, min_lr=0.002)
        Settings settings = Settings.maximize().withFactor(0.1).withPatience(1)
                .withThreshold(0.1, ThresholdMode.ABSOLUTE).withCooldown(2).withMinRate(0.002);
        ReduceOnPlateau plateau = new ReduceOnPlateau(0.1, settings);
        double[] metrics = {
                0.5, 0.55, 0.58, 0.6, 0.65, 0.66, 0.66, 0.7, 0.71, 0.71, 0.72, 0.72, 0.72, 0.72, 0.72, 0.72};
        double[][] expected = {
                {0.1, 0.5, 0, 0}, {0.1, 0.5, 1, 0}, {0.010000000000000002, 0.5, 0, 2},
                {0.010000000000000002, 0.5, 0, 1}, {0.010000000000000002, 0.65, 0, 0},
                {0.010000000000000002, 0.65, 1, 0}, {0.002, 0.65, 0, 2}, {0.002, 0.65, 0, 1},
                {0.002, 0.65, 0, 0}, {0.002, 0.65, 1, 0}, {0.002, 0.65, 0, 2}, {0.002, 0.65, 0, 1},
                {0.002, 0.65, 0, 0}, {0.002, 0.65, 1, 0}, {0.002, 0.65, 0, 2}, {0.002, 0.65, 0, 1},
        };
        replay(plateau, metrics, expected);
    }

    @Test
    void dropsSmallerThanMinChangeAreSkipped() {
        // ReduceLROnPlateau(SGD(lr=1e-7), mode='min', factor=0.5, patience=0): eps=1e-8 stops the halving at 1.25e-8
        ReduceOnPlateau plateau = new ReduceOnPlateau(1e-7, Settings.minimize().withFactor(0.5).withPatience(0));
        double[] metrics = {1, 1, 1, 1, 1, 1};
        double[][] expected = {
                {1e-7, 1, 0, 0}, {5e-8, 1, 0, 0}, {2.5e-8, 1, 0, 0}, {1.25e-8, 1, 0, 0}, {1.25e-8, 1, 0, 0},
                {1.25e-8, 1, 0, 0},
        };
        replay(plateau, metrics, expected);
    }

    @Test
    void aNaNMetricIsNeverAnImprovement() {
        // ReduceLROnPlateau(SGD(lr=0.1), mode='min', factor=0.5, patience=1)
        ReduceOnPlateau plateau = new ReduceOnPlateau(0.1, Settings.minimize().withFactor(0.5).withPatience(1));
        double[] metrics = {1.0, Double.NaN, 0.5, Double.NaN, Double.NaN};
        double[][] expected = {
                {0.1, 1.0, 0, 0}, {0.1, 1.0, 1, 0}, {0.1, 0.5, 0, 0}, {0.1, 0.5, 1, 0}, {0.05, 0.5, 0, 0}};
        replay(plateau, metrics, expected);
    }

    @Test
    void reportSaysWhetherTheRateDropped() {
        ReduceOnPlateau plateau = new ReduceOnPlateau(0.1, Settings.minimize().withPatience(0));
        assertThat(plateau.report(1.0)).isFalse();
        assertThat(plateau.report(1.0)).isTrue();
        assertThat(plateau.valueAt(0)).isEqualTo(0.010000000000000002);
    }

    @Test
    void aRestoredCopyContinuesExactlyAsTheOriginal() {
        Settings settings = Settings.minimize().withFactor(0.5).withPatience(2).withCooldown(1).withMinRate(1e-3);
        ReduceOnPlateau uninterrupted = new ReduceOnPlateau(0.1, settings);
        double[] metrics = {5, 4, 4.5, 4.2, 4.1, 4.3, 3, 3.1, 3.2, 3.3, 3.4, 3.5, 3.6, 3.7, 3.8, 3.9, 4, 4.1, 4.2, 4.3};
        ReduceOnPlateau first = new ReduceOnPlateau(0.1, settings);
        for (int i = 0; i < 9; i++) {
            first.report(metrics[i]);
        }
        State checkpoint = first.state();
        ReduceOnPlateau resumed = new ReduceOnPlateau(0.1, settings);
        resumed.restore(checkpoint);
        assertThat(resumed.state()).isEqualTo(checkpoint);
        for (int i = 0; i < metrics.length; i++) {
            uninterrupted.report(metrics[i]);
            if (i >= 9) {
                resumed.report(metrics[i]);
                assertThat(resumed.state()).as("report %d", i).isEqualTo(uninterrupted.state());
            }
        }
        assertThat(uninterrupted.valueAt(0)).isLessThan(0.1).isGreaterThanOrEqualTo(1e-3);
    }

    @Test
    void startsWithTheWorstPossibleBest() {
        assertThat(new ReduceOnPlateau(0.1, Settings.minimize()).state())
                .isEqualTo(new State(0.1, Double.POSITIVE_INFINITY, 0, 0));
        assertThat(new ReduceOnPlateau(0.1, Settings.maximize()).state())
                .isEqualTo(new State(0.1, Double.NEGATIVE_INFINITY, 0, 0));
    }
}
