package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.schedule.OneCycle.Annealing;
import org.junit.jupiter.api.Test;

class OneCycleTest {

    @Test
    void risesToThePeakThenFallsFarBelowTheStart() {
        OneCycle schedule = OneCycle.of(0.1, 20).withAnnealing(Annealing.LINEAR).withDivisors(10, 100);
        // peak at step 0.3·20 − 1 = 5 (to rounding); last step 19
        assertThat(schedule.valueAt(0)).isEqualTo(0.01);
        assertThat(schedule.initialRate()).isEqualTo(0.01);
        assertThat(schedule.minimumRate()).isEqualTo(1e-4);
        assertThat(schedule.valueAt(5)).isBetween(0.1 - 1e-15, 0.1);
        assertThat(schedule.valueAt(19)).isEqualTo(1e-4);
        assertThat(schedule.valueAt(20)).isEqualTo(1e-4); // PyTorch raises past total_steps
        assertThat(schedule.valueAt(1_000)).isEqualTo(1e-4);
    }

    @Test
    void matchesPyTorchOneCycleLRWithItsDefaults() {
        // torch 1.13: OneCycleLR(SGD(lr=0.1), max_lr=0.1, total_steps=20, cycle_momentum=False),
        // i.e. pct_start=0.3, anneal_strategy='cos', div_factor=25, final_div_factor=1e4; lr before each step
        ScheduleAssertions.assertFirstSteps(OneCycle.of(0.1, 20), 1e-13,
                0.0040000000000000036, 0.013167184270002533, 0.037167184270002526, 0.06683281572999747,
                0.09083281572999748, 0.1, 0.09874640062350874, 0.09504846320134738, 0.089091617757105,
                0.0811745653949763, 0.07169430017913009, 0.06112620219362893, 0.0500002, 0.03887419780637107,
                0.028306099820869922, 0.0188258346050237, 0.010908782242895003, 0.004951936798652629,
                0.0012539993764912555, 4e-07);
    }

    @Test
    void matchesPyTorchOneCycleLRLinear() {
        // torch 1.13: OneCycleLR(SGD(lr=0.1), max_lr=0.1, total_steps=10, pct_start=0.25, anneal_strategy='linear',
        //                        div_factor=10, final_div_factor=100, cycle_momentum=False); lr before each step
        OneCycle schedule = OneCycle.of(0.1, 10).withWarmupFraction(0.25).withAnnealing(Annealing.LINEAR)
                .withDivisors(10, 100);
        ScheduleAssertions.assertFirstSteps(schedule, 1e-13,
                0.01, 0.07, 0.09334, 0.08002000000000001, 0.06670000000000001, 0.053380000000000004,
                0.040060000000000005, 0.026740000000000014, 0.013420000000000001, 0.00010000000000000286);
    }
}
