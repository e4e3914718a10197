package dev.descent.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClosestMatchTest {
    private static final List<String> KEYS = List.of("name", "lr", "momentum", "weight_decay", "betas", "eps",
            "lr_decay", "momentum_decay");

    @Test
    void synonymsFromOtherLibraries() {
        assertThat(ClosestMatch.among("learning_rate", KEYS)).hasValue("lr");
        assertThat(ClosestMatch.among("epsilon", KEYS)).hasValue("eps");
        assertThat(ClosestMatch.among("beta1", KEYS)).hasValue("betas");
    }

    @Test
    void otherSpellingsAndTypos() {
        assertThat(ClosestMatch.among("weightDecay", KEYS)).hasValue("weight_decay");
        assertThat(ClosestMatch.among("weight-decay", KEYS)).hasValue("weight_decay");
        assertThat(ClosestMatch.among("momentun", KEYS)).hasValue("momentum");
        assertThat(ClosestMatch.among("mometnum", KEYS)).hasValue("momentum");
        assertThat(ClosestMatch.among("lf", KEYS)).hasValue("lr");
    }

    @Test
    void nothingWhenNothingIsClose() {
        assertThat(ClosestMatch.among("xyzzy", KEYS)).isEmpty();
        assertThat(ClosestMatch.among("colour", KEYS)).isEmpty();
    }

    @Test
    void distanceCountsASwapOnce() {
        assertThat(ClosestMatch.distance("abcd", "abdc")).isEqualTo(1);
        assertThat(ClosestMatch.distance("kitten", "sitting")).isEqualTo(3);
    }
}
