package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinearWarmupTest {

    @Test
    void risesToTheFirstRateOfTheScheduleThenHandsOver() {
        LinearWarmup schedule = new LinearWarmup(0.0, 4, new StepDecay(0.4, 0.5, 2));
        assertThat(schedule.valueAt(0)).isEqualTo(0.0);
        assertThat(schedule.valueAt(1)).isEqualTo(0.1);
        assertThat(schedule.valueAt(3)).isEqualTo(0.30000000000000004); // ¾·0.4
        assertThat(schedule.valueAt(4)).isEqualTo(0.4); // the step decay's step 0
        assertThat(schedule.valueAt(6)).isEqualTo(0.2); // … and its step 2
    }

    @Test
    void zeroWarmupStepsIsTheScheduleItself() {
        CosineAnnealing cosine = new CosineAnnealing(0.1, 0.0, 10);
        LinearWarmup schedule = new LinearWarmup(0.5, 0, cosine);
        for (long t = 0; t < 12; t++) {
            assertThat(schedule.valueAt(t)).isEqualTo(cosine.valueAt(t));
        }
    }

    @Test
    void matchesPyTorchLinearLR() {
        // torch 1.13: LinearLR(SGD(lr=0.1), start_factor=0.25, total_iters=4), lr before each step
        ScheduleAssertions.assertFirstSteps(new LinearWarmup(0.25, 4, LearningRateSchedule.constant(0.1)), 1e-14,
                0.025, 0.043750000000000004, 0.06250000000000001, 0.08125000000000002, 0.10000000000000002,
                0.10000000000000002, 0.10000000000000002);
    }

    @Test
    void warmupThenCosineMatchesPyTorchSequentialLR() {
        // torch 1.13: SequentialLR(SGD(lr=0.1), [LinearLR(start_factor=0.1, total_iters=5),
        //                          CosineAnnealingLR(T_max=10, eta_min=0)], milestones=[5]), lr before each step
        LearningRateSchedule cosine = new CosineAnnealing(0.1, 0.0, 10);
        LearningRateSchedule schedule = new LinearWarmup(0.1, 5, cosine);
        ScheduleAssertions.assertFirstSteps(schedule, 1e-13,
                0.010000000000000002, 0.028000000000000004, 0.046000000000000006, 0.064, 0.082, 0.1,
                0.09755282581475769, 0.09045084971874738, 0.07938926261462367, 0.06545084971874739,
                0.05000000000000001, 0.03454915028125264, 0.020610737385376353, 0.009549150281252635,
                0.002447174185242324, 0.0);
    }
}
