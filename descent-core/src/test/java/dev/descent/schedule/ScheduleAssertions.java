package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Compares a schedule's first steps with recorded values. */
final class ScheduleAssertions {

    private ScheduleAssertions() {}

    /** {@code schedule.valueAt(t)} equals {@code expected[t]} within {@code relative}·|expected[t]| (+10⁻¹⁸). */
    static void assertFirstSteps(LearningRateSchedule schedule, double relative, double... expected) {
        for (int t = 0; t < expected.length; t++) {
            assertThat(schedule.valueAt(t)).as("%s at step %d", schedule, t)
                    .isCloseTo(expected[t], within(relative * Math.abs(expected[t]) + 1e-18));
        }
    }
}
