package dev.descent.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeLimitTest {

    @Test
    void readsUnitsLargestFirst() {
        assertThat(TimeLimit.parse("k", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(TimeLimit.parse("k", "10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(TimeLimit.parse("k", "1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(TimeLimit.parse("k", "1h 30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(TimeLimit.parse("k", "2d")).isEqualTo(Duration.ofDays(2));
        assertThat(TimeLimit.parse("k", "1s500ms")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void rejectsWhatIsNotADuration() {
        for (String bad : new String[] {"10", "m", "10x", "30m1h", "1h30", "-5m", "", "1.5h"}) {
            assertThatThrownBy(() -> TimeLimit.parse("training.time_limit", bad))
                    .hasMessageStartingWith("training.time_limit: ")
                    .hasMessageContaining("got '" + bad + "'");
        }
    }
}
