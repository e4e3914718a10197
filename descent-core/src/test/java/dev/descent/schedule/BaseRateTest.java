package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rate each schedule is stated for, which the optimizer compares with its lr. */
class BaseRateTest {

    @Test
    void isTheFirstRateOfADecay() {
        assertThat(new LinearDecay(0.1, 0, 10).baseRate()).isEqualTo(0.1);
        assertThat(new CosineAnnealing(0.2, 0.01, 10).baseRate()).isEqualTo(0.2);
        assertThat(ExponentialDecay.withFactor(0.3, 0.5).baseRate()).isEqualTo(0.3);
        assertThat(LearningRateSchedule.constant(0.4).baseRate()).isEqualTo(0.4);
        LearningRateSchedule lambda = t -> 0.5 / (1 + t);
        assertThat(lambda.baseRate()).isEqualTo(0.5);
    }

    @Test
    void isThePeakOfOneCycleAndTheRateAWarmupReaches() {
        assertThat(OneCycle.of(0.1, 100).baseRate()).isEqualTo(0.1);
        assertThat(new LinearWarmup(0, 10, new CosineAnnealing(0.1, 0, 90)).baseRate()).isEqualTo(0.1);
        assertThat(Schedules.linearLR().of(0.3).baseRate()).isEqualTo(0.3);
        assertThat(Schedules.constantLR().of(0.3).baseRate()).isEqualTo(0.3);
    }

    @Test
    void followsTheFirstPartOfASequenceAndTheScheduleOfAWrapper() {
        LearningRateSchedule decay = new LinearDecay(0.1, 0.001, 100);
        assertThat(LearningRateSchedule.join(decay, 100, LearningRateSchedule.constant(0.001)).baseRate())
                .isEqualTo(0.1);
        assertThat(decay.scaledBy(0.5).baseRate()).isEqualTo(0.05);
        assertThat(EpochSchedule.toSteps(decay, 10).baseRate()).isEqualTo(0.1);
    }

    @Test
    void isTheInitialRateOfAPlateauScheduleAfterDropsToo() {
        ReduceOnPlateau plateau = new ReduceOnPlateau(0.1, ReduceOnPlateau.Settings.minimize().withPatience(0));
        plateau.report(1);
        plateau.report(1);
        assertThat(plateau.valueAt(0)).isLessThan(0.1);
        assertThat(plateau.baseRate()).isEqualTo(0.1);
    }
}
