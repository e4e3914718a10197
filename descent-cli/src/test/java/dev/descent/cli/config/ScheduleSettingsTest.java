package dev.descent.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.schedule.LearningRateSchedule;
import dev.descent.schedule.ReduceOnPlateau;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScheduleSettingsTest {
    private static final long PER_EPOCH = 100;
    private static final long TOTAL = 1000;

    private static LearningRateSchedule schedule(String... overrides) {
        RunConfig config = ConfigLoader.defaults(List.of(overrides));
        return config.schedule().toSchedule(config.optimizer().lr(), PER_EPOCH, TOTAL);
    }

    @ParameterizedTest
    @EnumSource(ScheduleSettings.Name.class)
    void everyScheduleStartsNearTheRateAndNeverRisesAboveIt(ScheduleSettings.Name name) {
        LearningRateSchedule rates = schedule("schedule.name=" + name.configName());

        for (long step = 0; step < TOTAL; step += 7) {
            assertThat(rates.valueAt(step)).isBetween(0.0, 0.05 + 1e-12);
        }
        assertThat(rates.valueAt(0)).isGreaterThan(0.0);
    }

    @Test
    void theDefaultIsALinearDecayToAHundredthOfTheRate() {
        LearningRateSchedule rates = schedule();

        assertThat(rates.valueAt(0)).isEqualTo(0.05);
        assertThat(rates.valueAt(TOTAL)).isCloseTo(5e-4, within(1e-12));
    }

    @Test
    void aFloorOfZeroAnnealsToAStopAsPyTorchsEtaMinZero() {
        assertThat(schedule("schedule={name: linear, lr_floor: 0}").valueAt(TOTAL)).isZero();
        assertThat(schedule("schedule={name: cosine, lr_floor: 0}").valueAt(TOTAL)).isZero();
        assertThat(schedule("schedule={name: cosine, lr_floor: 0}").valueAt(TOTAL / 2)).isCloseTo(0.025, within(1e-12));
    }

    @Test
    void inverseTimeHalvesAfterOneEpochAsDescentTrainDoes() {
        assertThat(schedule("schedule.name=inverse-time").valueAt(PER_EPOCH)).isCloseTo(0.025, within(1e-12));
    }

    @Test
    void stepAndExponentialCountEpochs() {
        LearningRateSchedule step = schedule("schedule={name: step, step_size: 2, gamma: 0.5}");
        LearningRateSchedule exponential = schedule("schedule={name: exponential, gamma: 0.5}");

        assertThat(step.valueAt(2 * PER_EPOCH - 1)).isEqualTo(0.05);
        assertThat(step.valueAt(2 * PER_EPOCH)).isCloseTo(0.025, within(1e-12));
        assertThat(exponential.valueAt(PER_EPOCH - 1)).isCloseTo(0.05, within(1e-12));
        assertThat(exponential.valueAt(3 * PER_EPOCH)).isCloseTo(0.05 / 8, within(1e-12));
    }

    @Test
    void warmupCosineRisesOverTheWarmupThenFallsToTheFloor() {
        LearningRateSchedule rates = schedule("schedule={name: warmup-cosine, warmup_steps: 100,"
                + " warmup_start_factor: 0.1, lr_floor: 0.001}");

        assertThat(rates.valueAt(0)).isCloseTo(0.005, within(1e-12));
        assertThat(rates.valueAt(100)).isCloseTo(0.05, within(1e-12));
        assertThat(rates.valueAt(TOTAL)).isCloseTo(0.001, within(1e-12));
    }

    @Test
    void plateauIsDrivenByReportsWithDescentTrainsPatienceOfOne() {
        LearningRateSchedule rates = schedule("schedule.name=plateau");

        assertThat(rates).isInstanceOf(ReduceOnPlateau.class);
        ReduceOnPlateau plateau = (ReduceOnPlateau) rates;
        plateau.report(1.0);
        plateau.report(1.0);
        assertThat(plateau.valueAt(0)).isEqualTo(0.05);
        plateau.report(1.0);
        assertThat(plateau.valueAt(0)).isCloseTo(0.005, within(1e-12));
    }

    @Test
    void onlyScheduleThatNeedTheRunsLengthSaySo() {
        assertThat(List.of(ScheduleSettings.Name.values())).filteredOn(ScheduleSettings.Name::needsTotalSteps)
                .containsExactly(ScheduleSettings.Name.LINEAR, ScheduleSettings.Name.COSINE,
                        ScheduleSettings.Name.ONE_CYCLE, ScheduleSettings.Name.WARMUP_COSINE);
    }
}
